using System.Globalization;
using Portal.Contracts.Model;
using Portal.Core.Iptables;

namespace Portal.Core.Reachability;

/// <summary>
/// One rule made ready for many walks: the rule-level matches (-s -d -i -o -p -f) read once into numbers, the match
/// module options kept with their ports or networks parsed, and the target classified. A rule the parser kept
/// verbatim, or with a rule-level option the walker does not know, can only be "unknown".
/// </summary>
internal sealed class CompiledRule
{
    public CompiledRule(ParsedRule rule, RuleOwner? owner)
    {
        Rule = rule;
        Owner = owner;
        if (rule.Verbatim)
        {
            Unreadable = "the rule could not be parsed";
            Target = TargetKind.Unknown;
            return;
        }

        var matches = new List<CompiledOption>();
        foreach (var option in rule.Options)
        {
            if (option.Scope == RuleOptionScope.Target)
            {
                continue;
            }

            if (option.Scope == RuleOptionScope.Rule)
            {
                ReadRuleOption(option);
            }
            else if (option.Name is not ("-m" or "--match"))
            {
                matches.Add(new CompiledOption(option));
            }
        }

        Matches = [.. matches];
        TargetName = rule.Target;
        Target = Classify(rule.Target);
    }

    public ParsedRule Rule { get; }

    public RuleOwner? Owner { get; }

    /// <summary>Why the rule as a whole cannot be evaluated, or null.</summary>
    public string? Unreadable { get; private set; }

    public (Ipv4Network Network, bool Negated)? Source { get; private set; }

    public (Ipv4Network Network, bool Negated)? Destination { get; private set; }

    public (string Name, bool Negated)? InInterface { get; private set; }

    public (string Name, bool Negated)? OutInterface { get; private set; }

    public (string Name, bool Negated)? Protocol { get; private set; }

    public bool? Fragment { get; private set; }

    public CompiledOption[] Matches { get; } = [];

    public TargetKind Target { get; }

    public string? TargetName { get; }

    /// <summary>The single destination address this rule is limited to (<c>-d X/32</c>, not negated), for the chain index.</summary>
    public uint? ExactDestination => Unreadable is null && Destination is { Negated: false } d && d.Network.IsSingleAddress ? d.Network.Address : null;

    /// <summary>A rule whose match never changes the outcome: no target, LOG and the like. It need not be evaluated.</summary>
    public bool Inert => Target == TargetKind.Inert;

    private void ReadRuleOption(RuleOption option)
    {
        var value = option.Value;
        switch (option.Name)
        {
            case "-s" or "--source" when Ipv4Network.TryParse(value, out var source):
                Source = (source, option.Negated);
                break;
            case "-d" or "--destination" when Ipv4Network.TryParse(value, out var destination):
                Destination = (destination, option.Negated);
                break;
            case "-i" or "--in-interface" when value is not null:
                InInterface = (value, option.Negated);
                break;
            case "-o" or "--out-interface" when value is not null:
                OutInterface = (value, option.Negated);
                break;
            case "-p" or "--protocol" when value is not null:
                Protocol = (value.ToLowerInvariant(), option.Negated);
                break;
            case "-f" or "--fragment":
                Fragment = !option.Negated;
                break;
            case "-4" or "--ipv4":
                break;
            default:
                Unreadable ??= $"the option '{option.Name}' is not understood";
                break;
        }
    }

    private static TargetKind Classify(string? target) => target switch
    {
        null => TargetKind.Inert,
        "ACCEPT" => TargetKind.Accept,
        "DROP" => TargetKind.Drop,
        "REJECT" => TargetKind.Reject,
        "RETURN" => TargetKind.Return,
        "DNAT" => TargetKind.Dnat,
        "SNAT" => TargetKind.Snat,
        "MASQUERADE" => TargetKind.Masquerade,
        "REDIRECT" => TargetKind.Redirect,
        "MARK" => TargetKind.Mark,
        "CONNMARK" => TargetKind.ConnectionMark,
        "NOTRACK" => TargetKind.NoTrack,
        "CT" => TargetKind.ConnectionTracking,
        "LOG" or "NFLOG" or "ULOG" or "TRACE" or "AUDIT" or "TCPMSS" or "TOS" or "DSCP" or "TTL" or "ECN" or "CLASSIFY"
            or "CHECKSUM" or "IDLETIMER" or "LED" => TargetKind.Inert,
        _ when target.Length > 0 && target.Any(char.IsLower) => TargetKind.Chain,
        // Docker's and the portal's own chains: no target extension is called that.
        _ when target == "DOCKER" || target.StartsWith("DOCKER-", StringComparison.Ordinal) || target.StartsWith("PORTAL-", StringComparison.Ordinal) => TargetKind.Chain,
        _ => TargetKind.ChainOrExtension,
    };

    /// <summary>Parses <c>--set-xmark V/M</c>, <c>--set-mark V[/M]</c> and the like: hex or decimal, mask default all ones.</summary>
    public static bool TryMark(string? text, out uint value, out uint mask)
    {
        value = 0;
        mask = uint.MaxValue;
        if (string.IsNullOrEmpty(text))
        {
            return false;
        }

        var slash = text.IndexOf('/');
        return Number(slash < 0 ? text : text[..slash], out value) && (slash < 0 || Number(text[(slash + 1)..], out mask));
    }

    private static bool Number(string text, out uint number) =>
        text.StartsWith("0x", StringComparison.OrdinalIgnoreCase)
            ? uint.TryParse(text.AsSpan(2), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out number)
            : uint.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out number);
}

internal enum TargetKind
{
    Inert,
    Accept,
    Drop,
    Reject,
    Return,
    Dnat,
    Snat,
    Masquerade,
    Redirect,
    Mark,
    ConnectionMark,
    NoTrack,
    ConnectionTracking,

    /// <summary>
    /// A name with lower case letters, or one of Docker's or the portal's chains: only a user chain can be called that.
    /// iptables refuses a jump to a chain that does not exist, so one the snapshot has no rule of is an empty chain.
    /// </summary>
    Chain,

    /// <summary>An upper-case name: a user chain when the table has one of that name, else an extension the walker does not know.</summary>
    ChainOrExtension,
    Unknown,
}

/// <summary>A match module's option with its value parsed once.</summary>
internal sealed class CompiledOption(RuleOption option)
{
    public RuleOption Option { get; } = option;

    public string Module => Option.Module ?? string.Empty;

    public string Name => Option.Name;

    public bool Negated => Option.Negated;

    public PortSet? Ports { get; } = option.Name is "--dport" or "--sport" or "--destination-port" or "--source-port"
        or "--dports" or "--sports" or "--ports" or "--destination-ports" or "--source-ports" or "--ctorigsrcport" or "--ctorigdstport"
        or "--ctreplsrcport" or "--ctrepldstport"
        ? PortSet.Parse(option.Value)
        : null;

    public Ipv4Network? Network { get; } = Ipv4Network.TryParse(option.Value, out var network) ? network : null;

    public HashSet<string> Words { get; } = (option.Value ?? string.Empty).Split(',').ToHashSet(StringComparer.OrdinalIgnoreCase);

    public string Text => (Negated ? "! " : string.Empty) + Name + (Option.Values.Count > 0 ? " " + string.Join(' ', Option.RawValues) : string.Empty);
}
