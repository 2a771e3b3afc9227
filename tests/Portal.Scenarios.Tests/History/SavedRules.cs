namespace Portal.Scenarios.Tests.History;

/// <summary>
/// The nat and filter <c>-A</c> lines of an iptables-save, per chain in order: the ground truth the portal's history
/// is compared against. Chains without rules are left out (a history of rules has nothing to say about them). On a host
/// with IPv6 (docker3) its ip6tables-save is part of it, its tables named "ip6:nat" and "ip6:filter".
/// </summary>
public sealed class SavedRules
{
    public const string Ipv6Prefix = "ip6:";

    public static readonly string[] Tables = ["nat", "filter", Ipv6Prefix + "nat", Ipv6Prefix + "filter"];

    private SavedRules(SortedDictionary<string, List<string>> chains) => Chains = chains;

    /// <summary>"table chain" to the chain's rules in order.</summary>
    public SortedDictionary<string, List<string>> Chains { get; }

    public static SavedRules Parse(string save)
    {
        var chains = new SortedDictionary<string, List<string>>(StringComparer.Ordinal);
        string? table = null;
        foreach (var line in save.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            if (line.StartsWith('*'))
            {
                table = line[1..].Trim();
            }
            else if (line.StartsWith("-A ", StringComparison.Ordinal) && table is not null && Tables.Contains(table))
            {
                var chain = line.Split(' ', 3)[1];
                Add(chains, table, chain, line);
            }
        }

        return new SavedRules(chains);
    }

    /// <summary>From the rows of <c>GET /api/audit/rules</c> ({table, chain, index, text}).</summary>
    public static SavedRules FromRows(IEnumerable<(string Table, string Chain, int Index, string Text)> rows)
    {
        var chains = new SortedDictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var row in rows.Where(r => Tables.Contains(r.Table)).OrderBy(r => r.Table).ThenBy(r => r.Chain).ThenBy(r => r.Index))
        {
            Add(chains, row.Table, row.Chain, row.Text);
        }

        return new SavedRules(chains);
    }

    public static async Task<SavedRules> CaptureAsync(Portal.Lab.LabHost host, CancellationToken cancellationToken)
    {
        var text = new System.Text.StringBuilder();
        foreach (var table in Tables.Where(t => !t.StartsWith(Ipv6Prefix, StringComparison.Ordinal)))
        {
            text.Append(await host.IptablesSaveAsync(table, cancellationToken));
        }

        if (host.Ipv6)
        {
            foreach (var line in (await host.Ip6tablesSaveAsync(cancellationToken)).Split('\n'))
            {
                text.Append(line.StartsWith('*') ? "*" + Ipv6Prefix + line[1..] : line).Append('\n');
            }
        }

        return Parse(text.ToString());
    }

    /// <summary>The rules of one chain ("filter", "DOCKER").</summary>
    public IReadOnlyList<string> Of(string table, string chain) => Chains.TryGetValue(table + " " + chain, out var rules) ? rules : [];

    public bool SameAs(SavedRules other) =>
        Chains.Count == other.Chains.Count
        && Chains.All(c => other.Chains.TryGetValue(c.Key, out var rules) && rules.SequenceEqual(c.Value, StringComparer.Ordinal));

    /// <summary>What changed from this to <paramref name="after"/> as (table, chain, change, text), counted per text.</summary>
    public List<(string Table, string Chain, string Change, string Text)> DiffTo(SavedRules after)
    {
        var diff = new List<(string, string, string, string)>();
        foreach (var key in Chains.Keys.Union(after.Chains.Keys).Order(StringComparer.Ordinal))
        {
            var (table, chain) = (key.Split(' ')[0], key.Split(' ')[1]);
            var before = Chains.TryGetValue(key, out var b) ? b : [];
            var now = after.Chains.TryGetValue(key, out var a) ? a : [];
            diff.AddRange(Minus(before, now).Select(t => (table, chain, "removed", t)));
            diff.AddRange(Minus(now, before).Select(t => (table, chain, "added", t)));
        }

        return diff;
    }

    /// <summary>A readable difference for a failure message.</summary>
    public string Explain(SavedRules expected) =>
        string.Join('\n', expected.DiffTo(this).Select(d => $"{(d.Change == "added" ? "unexpected" : "missing")}: {d.Table} {d.Text}"));

    public override string ToString() => string.Join('\n', Chains.SelectMany(c => c.Value.Select(r => c.Key.Split(' ')[0] + " " + r)));

    private static List<string> Minus(List<string> left, List<string> right)
    {
        var remaining = right.GroupBy(r => r, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        var result = new List<string>();
        foreach (var rule in left)
        {
            if (remaining.TryGetValue(rule, out var n) && n > 0)
            {
                remaining[rule] = n - 1;
            }
            else
            {
                result.Add(rule);
            }
        }

        return result;
    }

    private static void Add(SortedDictionary<string, List<string>> chains, string table, string chain, string text)
    {
        var key = table + " " + chain;
        if (!chains.TryGetValue(key, out var rules))
        {
            chains[key] = rules = [];
        }

        rules.Add(text);
    }
}
