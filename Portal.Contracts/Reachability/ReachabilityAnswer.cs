using System.Text.Json.Serialization;

namespace Portal.Contracts.Reachability;

/// <summary>
/// The answer to "can this first packet get there, and why": the verdict, the step that decided it (null when none
/// did), every step of the path in order, and the translations made on the way. <see cref="Reason"/> says in words
/// why a verdict is undetermined (or what else is worth knowing); <see cref="DeliveredTo"/> where the packet ends up.
/// </summary>
public sealed record ReachabilityAnswer(
    ReachabilityVerdict Verdict,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] PathStep? DecidedBy,
    IReadOnlyList<PathStep> Path,
    IReadOnlyList<Translation> Translations,
    string? Reason = null,
    string? DeliveredTo = null);
