using Portal.Core.Iptables;

namespace Portal.Core.Analysis;

/// <summary>
/// What filter INPUT would do with a new connection to a host port, read the way its author means it: the first rule
/// about that port (protocol and destination port match it, or a catch-all without either) that accepts or drops
/// decides, following jumps into user chains (ufw's, firewalld's); reaching the end, the chain's policy decides. Rules
/// for replies (conntrack or state matches), for the loopback interface, or of a match it does not read are passed over:
/// this is a reading of intent, not a packet walk.
/// </summary>
internal static class InputFilter
{
    private const int MaxDepth = 16;

    /// <summary>The rule text, or "policy DROP", that blocks the port; null when INPUT lets it in (or has no say).</summary>
    public static string? Blocker(Ruleset rules, string protocol, int port)
    {
        var filter = rules.Table("filter");
        if (filter?.Chain("INPUT") is not { } input)
        {
            return null;
        }

        var verdict = Walk(filter, input, protocol, port, 0, []);
        if (verdict is not null)
        {
            return verdict.Value.Blocks ? verdict.Value.Rule : null;
        }

        return input.Policy is "DROP" or "REJECT" ? $"policy {input.Policy}" : null;
    }

    private static (bool Blocks, string Rule)? Walk(RuleTable filter, RuleChain chain, string protocol, int port, int depth, HashSet<string> visited)
    {
        if (depth > MaxDepth || !visited.Add(chain.Name))
        {
            return null;
        }

        foreach (var rule in chain.Rules)
        {
            if (rule.Verbatim || !AboutNewConnections(rule) || !CouldMatch(rule, protocol, port, out var specific))
            {
                continue;
            }

            switch (rule.Target)
            {
                case "ACCEPT" when specific:
                    return (false, rule.Text);
                case "DROP" or "REJECT":
                    return (true, rule.Text);
                case "RETURN" when specific:
                    return null;
                case { } target when filter.Chain(target) is { BuiltIn: false } user:
                    if (Walk(filter, user, protocol, port, depth + 1, visited) is { } decided)
                    {
                        return decided;
                    }

                    break;
            }
        }

        return null;
    }

    private static bool AboutNewConnections(ParsedRule rule)
    {
        if (rule.InInterface is { Negated: false, Value: "lo" })
        {
            return false;
        }

        foreach (var module in rule.Modules)
        {
            if (module is "conntrack" or "state")
            {
                return false;
            }
        }

        return true;
    }

    /// <param name="specific">The rule names the port or the protocol, so an ACCEPT is about this port and not some other traffic.</param>
    private static bool CouldMatch(ParsedRule rule, string protocol, int port, out bool specific)
    {
        specific = false;
        if (rule.Protocol is { } p)
        {
            if (string.Equals(p.Value, protocol, StringComparison.OrdinalIgnoreCase) == p.Negated && p.Value != "all")
            {
                return false;
            }

            specific = !p.Negated && p.Value != "all";
        }

        if (rule.DestinationPort is { } dport)
        {
            if (Covers(dport.Value, port) == dport.Negated)
            {
                return false;
            }

            specific = true;
        }

        foreach (var option in rule.MatchOptions("multiport"))
        {
            if (option.Name is "--dports" or "--destination-ports" or "--ports")
            {
                if (option.Value is null || Covers(option.Value, port) == option.Negated)
                {
                    return false;
                }

                specific = true;
            }
        }

        return true;
    }

    /// <summary>"8080", "8000:9000", or a multiport list "80,443,8000:8100".</summary>
    private static bool Covers(string ports, int port)
    {
        foreach (var part in ports.Split(','))
        {
            var colon = part.IndexOf(':', StringComparison.Ordinal);
            if (colon < 0)
            {
                if (int.TryParse(part, out var single) && single == port)
                {
                    return true;
                }

                continue;
            }

            var low = colon == 0 ? 0 : int.TryParse(part[..colon], out var l) ? l : int.MaxValue;
            var high = colon == part.Length - 1 ? 65535 : int.TryParse(part[(colon + 1)..], out var h) ? h : -1;
            if (port >= low && port <= high)
            {
                return true;
            }
        }

        return false;
    }
}
