namespace Portal.Core.Model;

/// <summary>
/// What changed on a host since the previous sequence number. Sections that did not change are null.
/// A receiver that sees a gap in <see cref="Sequence"/> asks for a full snapshot.
/// </summary>
public sealed record HostDelta(
    string Host,
    long Sequence,
    DateTimeOffset At,
    string? DockerVersion = null,
    IReadOnlyList<Bridge>? Bridges = null,
    IReadOnlyList<Container>? UpsertedContainers = null,
    IReadOnlyList<string>? RemovedContainers = null,
    IReadOnlyList<Rule>? Rules = null,
    IReadOnlyList<RuleChange>? RuleChanges = null);
