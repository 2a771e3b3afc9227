namespace Portal.Core.Iptables;

/// <summary>Collects the chains and rules of one table while <see cref="RulesetParser"/> reads it.</summary>
internal sealed class TableBuilder(string name)
{
    private readonly List<ChainBuilder> chains = [];
    private readonly Dictionary<string, ChainBuilder> byName = new(StringComparer.Ordinal);

    public bool TryDeclareChain(ReadOnlySpan<char> line, StringPool pool)
    {
        // ":NAME POLICY [packets:bytes]"; the counters are absent in some hand-written inputs.
        var rest = line[1..];
        var space = rest.IndexOf(' ');
        if (space <= 0)
        {
            return false;
        }

        var chainName = rest[..space];
        rest = rest[(space + 1)..];
        space = rest.IndexOf(' ');
        var policy = space < 0 ? rest : rest[..space];
        PacketCounters? counters = null;
        if (space >= 0)
        {
            if (!RulesetParser.TryParseCounters(rest[(space + 1)..], out var parsed))
            {
                return false;
            }

            counters = parsed;
        }

        if (policy.IsEmpty || policy.Contains(' '))
        {
            return false;
        }

        var chain = Chain(pool.Get(chainName));
        chain.Policy = pool.Get(policy);
        chain.Counters = counters;
        return true;
    }

    public void AddRule(string source, int lineStart, ReadOnlySpan<char> line, int lineNumber, ParseContext context)
    {
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

        if (!body.StartsWith("-A ") || body.Length < 4 || body[3] == ' ')
        {
            Verbatim(Chain(string.Empty), body.ToString(), lineNumber, counters);
            return;
        }

        var bodyStart = lineStart + (line.Length - body.Length);

        var afterCommand = body[3..];
        var space = afterCommand.IndexOf(' ');
        var chain = Chain(context.Strings.Get(space < 0 ? afterCommand : afterCommand[..space]));
        chain.Rules.Add(new ParsedRule(name, chain.Name, chain.Rules.Count + 1, source, bodyStart, body.Length, counters, context) { Line = lineNumber });
    }

    public RuleTable Build() => new(name, chains.Select(c => c.Build()).ToArray());

    private void Verbatim(ChainBuilder chain, string text, int lineNumber, PacketCounters? counters) =>
        chain.Rules.Add(new ParsedRule(name, chain.Name, chain.Rules.Count + 1, text, [], true, counters) { Line = lineNumber });

    private ChainBuilder Chain(string chainName)
    {
        if (!byName.TryGetValue(chainName, out var chain))
        {
            chain = new ChainBuilder(chainName);
            byName.Add(chainName, chain);
            chains.Add(chain);
        }

        return chain;
    }

    private sealed class ChainBuilder(string name)
    {
        public string Name { get; } = name;

        public string? Policy { get; set; }

        public PacketCounters? Counters { get; set; }

        public List<ParsedRule> Rules { get; } = [];

        public RuleChain Build() => new(Name, Policy, Counters, Rules.ToArray());
    }
}
