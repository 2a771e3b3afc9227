namespace Portal.Core.Iptables;

/// <summary>
/// One rule of a chain. <see cref="Text"/> is the rule exactly as iptables-save printed it (<c>-A CHAIN ...</c>,
/// without the <c>[pkts:bytes]</c> prefix of <c>-c</c>); <see cref="Index"/> is its 1-based position in the chain.
/// <see cref="Options"/> are the parsed parts in printed order. A line that could not be parsed is kept with
/// <see cref="Verbatim"/> set and no options: never lost, never an exception.
/// </summary>
public sealed record ParsedRule(
    string Table,
    string Chain,
    int Index,
    string Text,
    IReadOnlyList<RuleOption> Options,
    bool Verbatim,
    PacketCounters? Counters)
{
    /// <summary>1-based line of the input the rule came from; keeps the file order when chains interleave.</summary>
    public int Line { get; init; }

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
