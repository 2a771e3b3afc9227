namespace Portal.Host.Iptables;

/// <summary>
/// One " EVENT:" line of <c>xtables-monitor -e</c>. For rule and chain events <see cref="Table"/>,
/// <see cref="Command"/> (A, D, I, N, X, ...) and <see cref="Chain"/> are set and <see cref="RuleText"/> is the
/// rule as iptables-save would print it (<c>-A CHAIN ...</c>); nft-level lines (tables, policies) keep only <see cref="Raw"/>.
/// </summary>
public sealed record XtablesRuleEvent(
    string Raw,
    string? Family,
    string? Table,
    string? Command,
    string? Chain,
    string? RuleText);
