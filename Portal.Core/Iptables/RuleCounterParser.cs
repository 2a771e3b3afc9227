namespace Portal.Core.Iptables;

/// <summary>
/// Reads the rule counters out of <c>iptables-save -c</c> (or <c>ip6tables-save -c</c>) without parsing any rule's
/// options: only the table, the chain, the position in the chain (numbered as <see cref="RulesetParser"/> numbers it,
/// so counters and observed rules agree), the text after the <c>[packets:bytes]</c> prefix and the two numbers. A rule
/// line without a readable prefix still takes its place in the chain but yields no counter. Never throws on content.
/// </summary>
public static class RuleCounterParser
{
    public static List<RuleCount> Parse(string iptablesSaveC, bool ipv6)
    {
        var counts = new List<RuleCount>();
        Parse(iptablesSaveC, ipv6, counts);
        return counts;
    }

    /// <summary>Appends the counters of one family's dump to <paramref name="into"/>.</summary>
    public static void Parse(string iptablesSaveC, bool ipv6, List<RuleCount> into)
    {
        ArgumentNullException.ThrowIfNull(iptablesSaveC);
        ArgumentNullException.ThrowIfNull(into);
        var pool = new StringPool();
        var positions = new Dictionary<string, int>(StringComparer.Ordinal);
        var table = string.Empty;
        var text = iptablesSaveC.AsSpan();
        while (!text.IsEmpty)
        {
            var newline = text.IndexOf('\n');
            var line = newline < 0 ? text : text[..newline];
            text = newline < 0 ? [] : text[(newline + 1)..];
            if (line.IsEmpty || line[0] is '#' or ':')
            {
                continue;
            }

            if (line[0] == '*')
            {
                table = pool.Get(line[1..]);
                positions.Clear();
                continue;
            }

            PacketCounters? counters = null;
            var body = line;
            if (line[0] == '[')
            {
                var close = line.IndexOf("] ");
                if (close > 0 && RulesetParser.TryParseCounters(line[..(close + 1)], out var parsed))
                {
                    counters = parsed;
                    body = line[(close + 2)..];
                }
            }

            // The same test as the ruleset parser: anything else is not a rule of a named chain.
            if (!body.StartsWith("-A ") || body.Length < 4 || body[3] == ' ')
            {
                continue;
            }

            var afterCommand = body[3..];
            var space = afterCommand.IndexOf(' ');
            var chain = pool.Get(space < 0 ? afterCommand : afterCommand[..space]);
            var index = positions.GetValueOrDefault(chain) + 1;
            positions[chain] = index;
            if (counters is { } found)
            {
                into.Add(new RuleCount(new RuleCountKey(ipv6, table, chain, index, body.ToString()), found));
            }
        }
    }
}
