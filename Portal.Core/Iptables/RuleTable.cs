namespace Portal.Core.Iptables;

/// <summary>One table of an iptables-save dump (<c>*filter</c>, <c>*nat</c>, ...) with its chains in printed order.</summary>
public sealed record RuleTable(string Name, IReadOnlyList<RuleChain> Chains)
{
    public RuleChain? Chain(string name)
    {
        foreach (var chain in Chains)
        {
            if (chain.Name == name)
            {
                return chain;
            }
        }

        return null;
    }

    public IEnumerable<ParsedRule> Rules => Chains.SelectMany(c => c.Rules);
}
