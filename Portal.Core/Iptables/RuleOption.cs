namespace Portal.Core.Iptables;

/// <summary>
/// One option of a rule as iptables-save printed it: <c>! -s 10.0.0.0/8</c>, <c>-m conntrack</c>,
/// <c>--ctstate RELATED,ESTABLISHED</c>, <c>-j DNAT</c>, <c>--to-destination 172.17.0.2:80</c>.
/// <see cref="Module"/> is the match module (or target) the option belongs to, null for rule-level options.
/// <see cref="Values"/> are decoded (quotes and escapes removed); <see cref="RawValues"/> are the tokens as printed,
/// kept so that a rule re-rendered from its options equals its text byte for byte.
/// </summary>
public sealed record RuleOption(
    string Name,
    IReadOnlyList<string> Values,
    bool Negated,
    RuleOptionScope Scope,
    string? Module)
{
    /// <summary>The values exactly as printed (quoted where iptables-save quoted them).</summary>
    public IReadOnlyList<string> RawValues { get; init; } = Values;

    /// <summary>True for the old form <c>-s ! x</c> (negation after the option name) instead of <c>! -s x</c>.</summary>
    public bool NegatedAfterName { get; init; }

    /// <summary>The first value, or null for a flag such as <c>--syn</c>.</summary>
    public string? Value => Values.Count > 0 ? Values[0] : null;
}
