namespace Portal.Contracts.Model;

/// <summary>
/// What changed on a host since the previous sequence number. Sections that did not change are null.
/// <see cref="UpsertedContainers"/> are whole containers, new or changed; <see cref="RemovedContainers"/> are ids.
/// <see cref="Chains"/> holds only the chains whose rules changed, each with its complete new rule list.
/// A receiver that sees a gap in <see cref="Sequence"/> asks for a full snapshot. Portal.Core's <c>SnapshotFold</c> folds it and merges two.
/// </summary>
public sealed record HostDelta(
    string Host,
    long Sequence,
    DateTimeOffset At,
    string? DockerVersion = null,
    IReadOnlyList<Bridge>? Bridges = null,
    IReadOnlyList<Container>? UpsertedContainers = null,
    IReadOnlyList<string>? RemovedContainers = null,
    IReadOnlyList<ChainRules>? Chains = null);
