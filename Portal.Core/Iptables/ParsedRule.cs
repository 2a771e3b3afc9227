namespace Portal.Core.Iptables;

/// <summary>
/// One rule of a chain. <see cref="Text"/> is the rule exactly as iptables-save printed it (<c>-A CHAIN ...</c>,
/// without the <c>[pkts:bytes]</c> prefix of <c>-c</c>); <see cref="Index"/> is its 1-based position in the chain.
/// <see cref="Options"/> are the parsed parts in printed order. A line that could not be parsed is kept with
/// <see cref="Verbatim"/> set and no options: never lost, never an exception.
/// </summary>
public sealed record ParsedRule
{
    // Set for a rule whose options are parsed on first use; cleared once they are.
    private ParseContext? pending;
    private IReadOnlyList<RuleOption>? options;
    private bool verbatim;

    // The rule's text is a slice of the parsed dump until someone asks for it as a string: the differ compares slices.
    private string? text;
    private readonly string? source;
    private readonly int offset;
    private readonly int length;

    public ParsedRule(string Table, string Chain, int Index, string Text, IReadOnlyList<RuleOption> Options, bool Verbatim, PacketCounters? Counters)
    {
        this.Table = Table;
        this.Chain = Chain;
        this.Index = Index;
        this.Text = Text;
        this.Counters = Counters;
        verbatim = Verbatim;
        options = Options;
    }

    /// <summary>
    /// A rule whose options are read from <see cref="Text"/> when first asked for: the parser indexes a 50k-rule dump
    /// without tokenizing it, so that parse and diff (what runs on every change) stay a small part of iptables-save's time.
    /// </summary>
    internal ParsedRule(string table, string chain, int index, string source, int offset, int length, PacketCounters? counters, ParseContext context)
    {
        Table = table;
        Chain = chain;
        Index = index;
        this.source = source;
        this.offset = offset;
        this.length = length;
        Counters = counters;
        pending = context;
    }

    public string Table { get; init; }

    public string Chain { get; init; }

    public int Index { get; init; }

    public string Text
    {
        get => text ??= source!.Substring(offset, length);
        init => text = value;
    }

    /// <summary>The text without making a string of it.</summary>
    internal ReadOnlySpan<char> TextSpan => text is not null ? text.AsSpan() : source.AsSpan(offset, length);

    public PacketCounters? Counters { get; init; }

    /// <summary>The parsed parts of the rule, in printed order; empty for a <see cref="Verbatim"/> rule.</summary>
    public IReadOnlyList<RuleOption> Options
    {
        get
        {
            EnsureParsed();
            return options!;
        }
    }

    /// <summary>True when the rule could not be parsed and is kept as its text alone.</summary>
    public bool Verbatim
    {
        get
        {
            EnsureParsed();
            return verbatim;
        }
    }

    /// <summary>1-based line of the input the rule came from; keeps the file order when chains interleave.</summary>
    public int Line { get; init; }

    public bool Equals(ParsedRule? other) =>
        other is not null && Table == other.Table && Chain == other.Chain && Index == other.Index
        && TextSpan.SequenceEqual(other.TextSpan) && Counters == other.Counters && Line == other.Line;

    public override int GetHashCode() => HashCode.Combine(Table, Chain, Index, string.GetHashCode(TextSpan, StringComparison.Ordinal), Counters, Line);

    public RuleValue? Source => Rule("-s", "--source");

    public RuleValue? Destination => Rule("-d", "--destination");

    public RuleValue? InInterface => Rule("-i", "--in-interface");

    public RuleValue? OutInterface => Rule("-o", "--out-interface");

    public RuleValue? Protocol => Rule("-p", "--protocol");

    /// <summary><c>--sport</c> of a tcp/udp/sctp match (or given without <c>-m</c>).</summary>
    public RuleValue? SourcePort => Match("--sport", "--source-port");

    /// <summary><c>--dport</c> of a tcp/udp/sctp match (or given without <c>-m</c>).</summary>
    public RuleValue? DestinationPort => Match("--dport", "--destination-port");

    /// <summary>The match modules loaded with <c>-m</c>, in order.</summary>
    public IEnumerable<string> Modules
    {
        get
        {
            foreach (var option in Options)
            {
                if (option.Scope == RuleOptionScope.Match && IsName(option.Name, "-m", "--match") && option.Value is { } module)
                {
                    yield return module;
                }
            }
        }
    }

    /// <summary>The target of <c>-j</c> or <c>-g</c> (ACCEPT, DNAT, DOCKER, ...), or null when the rule has none.</summary>
    public string? Target => TargetOption is { } option ? option.Value : null;

    /// <summary>True when the target is reached with <c>-g</c> (goto) instead of <c>-j</c>.</summary>
    public bool IsGoto => TargetOption is { } option && IsName(option.Name, "-g", "--goto");

    /// <summary>The options of the target (<c>--to-destination</c>, <c>--reject-with</c>, ...).</summary>
    public IEnumerable<RuleOption> TargetOptions =>
        Options.Where(o => o.Scope == RuleOptionScope.Target && !IsName(o.Name, "-j", "--jump") && !IsName(o.Name, "-g", "--goto"));

    /// <summary>The options that belong to match module <paramref name="module"/> (without the <c>-m</c> itself).</summary>
    public IEnumerable<RuleOption> MatchOptions(string module) =>
        Options.Where(o => o.Scope == RuleOptionScope.Match && o.Module == module && !IsName(o.Name, "-m", "--match"));

    /// <summary>The first option named <paramref name="name"/> anywhere in the rule, or null.</summary>
    public RuleOption? Option(string name)
    {
        foreach (var option in Options)
        {
            if (option.Name == name)
            {
                return option;
            }
        }

        return null;
    }

    /// <summary>The value of target option <paramref name="name"/> (e.g. <c>--to-destination</c>), or null.</summary>
    public string? TargetValue(string name)
    {
        foreach (var option in Options)
        {
            if (option.Scope == RuleOptionScope.Target && option.Name == name)
            {
                return option.Value;
            }
        }

        return null;
    }

    /// <summary>The rule re-rendered from <see cref="Options"/>; equals <see cref="Text"/> for anything iptables-save prints.</summary>
    public string Render() => RuleRenderer.Render(this);

    private void EnsureParsed()
    {
        if (Volatile.Read(ref options) is not null)
        {
            return;
        }

        var context = pending!;
        lock (context)
        {
            if (options is not null)
            {
                return;
            }

            // "-A CHAIN" then a space and the options, if any.
            var start = 4 + Chain.Length;
            var scratch = context.ScratchOptions;
            scratch.Clear();
            var span = TextSpan;
            var parsed = start >= span.Length || RuleTokenizer.TryParse(span[start..], context, scratch);
            verbatim = !parsed;
            Volatile.Write(ref options, parsed ? scratch.ToArray() : []);
            pending = null;
        }
    }

    private RuleOption? TargetOption
    {
        get
        {
            for (var i = Options.Count - 1; i >= 0; i--)
            {
                var option = Options[i];
                if (option.Scope == RuleOptionScope.Target && (IsName(option.Name, "-j", "--jump") || IsName(option.Name, "-g", "--goto")))
                {
                    return option;
                }
            }

            return null;
        }
    }

    private RuleValue? Rule(string shortName, string longName)
    {
        foreach (var option in Options)
        {
            if (option.Scope == RuleOptionScope.Rule && IsName(option.Name, shortName, longName) && option.Value is { } value)
            {
                return new RuleValue(value, option.Negated);
            }
        }

        return null;
    }

    private RuleValue? Match(string shortName, string longName)
    {
        foreach (var option in Options)
        {
            if (option.Scope != RuleOptionScope.Target && IsName(option.Name, shortName, longName) && option.Value is { } value)
            {
                return new RuleValue(value, option.Negated);
            }
        }

        return null;
    }

    private static bool IsName(string name, string shortName, string longName) => name == shortName || name == longName;
}
