namespace Portal.Core.Iptables;

/// <summary>
/// IPv4 and IPv6 rules in one <see cref="Ruleset"/>: the tables of <c>ip6tables-save</c> are held under
/// <c>ip6:NAME</c>, so the two families' chains never meet in a diff, a transient-rule check or a fold, and everything
/// that works on tables works on both unchanged. What leaves the agent (<c>Rule</c>, <c>RuleChange</c>, <c>ChainRules</c>)
/// carries the plain table name and an <c>ipv6</c> marker instead.
/// </summary>
public static class RuleFamily
{
    public const string Ipv6Prefix = "ip6:";

    public static bool IsIpv6(string table) => table.StartsWith(Ipv6Prefix, StringComparison.Ordinal);

    /// <summary>"filter" for both "filter" and "ip6:filter".</summary>
    public static string PlainTable(string table) => IsIpv6(table) ? table[Ipv6Prefix.Length..] : table;

    /// <summary>The ruleset's name for a table of the given family.</summary>
    public static string TableName(string table, bool ipv6) => ipv6 ? Ipv6Prefix + table : table;

    /// <summary>An ip6tables-save dump with each <c>*table</c> line renamed <c>*ip6:table</c>, ready to parse after the IPv4 dump.</summary>
    public static string MarkIpv6(string ip6tablesSave)
    {
        ArgumentNullException.ThrowIfNull(ip6tablesSave);
        var lines = ip6tablesSave.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            if (lines[i].StartsWith('*'))
            {
                lines[i] = "*" + Ipv6Prefix + lines[i][1..];
            }
        }

        return string.Join('\n', lines);
    }

    /// <summary>Both dumps as one ruleset: the IPv4 tables first, then the IPv6 ones under their <c>ip6:</c> names.</summary>
    public static Ruleset Parse(string iptablesSave, string? ip6tablesSave)
    {
        ArgumentNullException.ThrowIfNull(iptablesSave);
        if (string.IsNullOrWhiteSpace(ip6tablesSave))
        {
            return RulesetParser.Parse(iptablesSave);
        }

        var separator = iptablesSave.Length == 0 || iptablesSave.EndsWith('\n') ? string.Empty : "\n";
        return RulesetParser.Parse(iptablesSave + separator + MarkIpv6(ip6tablesSave));
    }
}
