namespace Portal.Core.Iptables;

/// <summary>Every table of one iptables-save dump, in printed order.</summary>
public sealed record Ruleset(IReadOnlyList<RuleTable> Tables)
{
    public static readonly Ruleset Empty = new([]);

    /// <summary>Every rule of every table, table by table and chain by chain, each chain in rule order.</summary>
    public IEnumerable<ParsedRule> AllRules => Tables.SelectMany(t => t.Chains).SelectMany(c => c.Rules);

    public RuleTable? Table(string name)
    {
        foreach (var table in Tables)
        {
            if (table.Name == name)
            {
                return table;
            }
        }

        return null;
    }

    /// <summary>The dump re-rendered from the parsed model, in iptables-save's format (without its comment lines).</summary>
    public string Render() => RulesetRenderer.Render(this);
}
