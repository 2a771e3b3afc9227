using Portal.Core.Iptables;

namespace Portal.Host.Iptables;

/// <summary>
/// A re-read of the rules that found changes: the rulesets before and after, their differences, and the
/// nf_tables transactions seen since the previous read (empty when polling), which name the writers.
/// </summary>
public sealed record RuleObservation(
    DateTimeOffset At,
    Ruleset Before,
    Ruleset After,
    IReadOnlyList<RuleDiff> Changes,
    IReadOnlyList<XtablesBatch> Transactions);
