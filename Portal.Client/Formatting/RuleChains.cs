using Portal.Contracts.Model;

namespace Portal.Client.Formatting;

/// <summary>Rules of one table grouped by chain: built-in chains first in packet order, then the rest by name.</summary>
public static class RuleChains
{
    private static readonly string[] BuiltIn = ["PREROUTING", "INPUT", "FORWARD", "OUTPUT", "POSTROUTING"];

    public static IReadOnlyList<IGrouping<string, Rule>> Group(IEnumerable<Rule> rules, string table) =>
        rules.Where(r => string.Equals(r.Table, table, StringComparison.Ordinal))
            .OrderBy(r => r.Index)
            .GroupBy(r => r.Chain, StringComparer.Ordinal)
            .OrderBy(g => Array.IndexOf(BuiltIn, g.Key) is var i && i >= 0 ? i : BuiltIn.Length)
            .ThenBy(g => g.Key, StringComparer.Ordinal)
            .ToList();
}
