using Portal.Contracts.Model;

namespace Portal.Client.Formatting;

/// <summary>
/// Rules of one table grouped by chain: built-in chains first in packet order, then the rest by name. A table is a name
/// and a family: ip6tables' filter is not iptables' filter.
/// </summary>
public static class RuleChains
{
    private static readonly string[] BuiltIn = ["PREROUTING", "INPUT", "FORWARD", "OUTPUT", "POSTROUTING"];

    public static IReadOnlyList<IGrouping<string, Rule>> Group(IEnumerable<Rule> rules, string table, bool ipv6 = false) =>
        rules.Where(r => string.Equals(r.Table, table, StringComparison.Ordinal) && r.Ipv6 == ipv6)
            .OrderBy(r => r.Index)
            .GroupBy(r => r.Chain, StringComparer.Ordinal)
            .OrderBy(g => Array.IndexOf(BuiltIn, g.Key) is var i && i >= 0 ? i : BuiltIn.Length)
            .ThenBy(g => g.Key, StringComparer.Ordinal)
            .ToList();

    /// <summary>
    /// The tables beyond iptables' nat and filter (which the host page always shows first), in order of first appearance:
    /// ip6tables' tables, and an nftables host's tables (Docker 29's docker-bridges, the host's own).
    /// </summary>
    public static IReadOnlyList<(string Table, bool Ipv6)> OtherTables(IEnumerable<Rule> rules) =>
        rules.Select(r => (r.Table, r.Ipv6))
            .Where(t => t is not ("nat", false) and not ("filter", false))
            .Distinct()
            .ToList();
}
