namespace Portal.Core.Iptables;

/// <summary>
/// Parses the output of iptables-save (every table in the text, with or without <c>-c</c> counters) into a
/// <see cref="Ruleset"/>: tables, chains, policies, counters and every rule's text in order; each rule's options are
/// tokenized when first asked for (<see cref="ParsedRule.Options"/>), once. Never throws on content: a line it cannot read is kept verbatim as a rule, in its chain
/// when the line names one (<c>-A CHAIN ...</c>), otherwise in a chain named "" of the table it appeared in
/// (a table named "" for lines before any <c>*table</c>).
/// </summary>
public static class RulesetParser
{
    public static Ruleset Parse(string iptablesSave)
    {
        ArgumentNullException.ThrowIfNull(iptablesSave);
        var context = new ParseContext();
        var pool = context.Strings;
        var tables = new List<RuleTable>();
        TableBuilder? table = null;
        var text = iptablesSave.AsSpan();
        var position = 0;
        var lineNumber = 0;
        while (position < text.Length)
        {
            var newline = text[position..].IndexOf('\n');
            var end = newline < 0 ? text.Length : position + newline;
            var line = text[position..end];
            var lineStart = position;
            position = newline < 0 ? text.Length : end + 1;
            lineNumber++;
            if (line.IsEmpty || line[0] == '#')
            {
                continue;
            }

            if (line[0] == '*')
            {
                if (table is not null)
                {
                    tables.Add(table.Build());
                }

                table = new TableBuilder(pool.Get(line[1..]));
                continue;
            }

            if (line.SequenceEqual("COMMIT"))
            {
                if (table is not null)
                {
                    tables.Add(table.Build());
                    table = null;
                }

                continue;
            }

            table ??= new TableBuilder(string.Empty);
            if (line[0] == ':' && table.TryDeclareChain(line, pool))
            {
                continue;
            }

            table.AddRule(iptablesSave, lineStart, line, lineNumber, context);
        }

        if (table is not null)
        {
            tables.Add(table.Build());
        }

        return new Ruleset(tables);
    }

    /// <summary>
    /// One rule line of <paramref name="table"/> (<c>-A CHAIN ...</c>), read as <see cref="Parse"/> reads it; anything
    /// else, including several lines, is a <see cref="ParsedRule.Verbatim"/> rule.
    /// </summary>
    public static ParsedRule ParseRule(string table, string rule)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(rule);
        if (rule.Length == 0 || rule.Contains('\n', StringComparison.Ordinal))
        {
            return new ParsedRule(table, string.Empty, 1, rule, [], true, null);
        }

        var builder = new TableBuilder(table);
        builder.AddRule(rule, 0, rule, 1, new ParseContext());
        return builder.Build().Rules.Single();
    }

    internal static bool TryParseCounters(ReadOnlySpan<char> text, out PacketCounters counters)
    {
        counters = default;
        if (text.Length < 5 || text[0] != '[' || text[^1] != ']')
        {
            return false;
        }

        var inner = text[1..^1];
        var colon = inner.IndexOf(':');
        if (colon < 0
            || !ulong.TryParse(inner[..colon], System.Globalization.NumberStyles.None, null, out var packets)
            || !ulong.TryParse(inner[(colon + 1)..], System.Globalization.NumberStyles.None, null, out var bytes))
        {
            return false;
        }

        counters = new PacketCounters(packets, bytes);
        return true;
    }
}
