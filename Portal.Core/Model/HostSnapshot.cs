using Portal.Core.State;

namespace Portal.Core.Model;

/// <summary>
/// Everything an agent observed on one Docker host at one moment: the model the server receives on connect
/// and the output of <c>Portal.Host snapshot</c>. <see cref="RulesJournal"/> and <see cref="RulesBatch"/> say which rule
/// history batch the <see cref="Rules"/> already include (the last one recorded before the snapshot was taken), so a
/// server that starts its history from this snapshot skips batches up to it instead of applying them twice.
/// <see cref="Policies"/> are the built-in chains' policies (null from an agent that does not send them).
/// </summary>
public sealed record HostSnapshot(
    string Host,
    long Sequence,
    DateTimeOffset TakenAt,
    string DockerVersion,
    string IptablesBackend,
    IReadOnlyList<Bridge> Bridges,
    IReadOnlyList<Container> Containers,
    IReadOnlyList<Rule> Rules,
    Guid? RulesJournal = null,
    long? RulesBatch = null,
    IReadOnlyList<ChainPolicy>? Policies = null)
{
    /// <summary>A host nothing is known of yet: applying a whole-state delta to it gives that state.</summary>
    public static HostSnapshot Empty(string host) => new(host, -1, default, string.Empty, string.Empty, [], [], []);

    /// <summary>
    /// The one fold of the state: this snapshot with <paramref name="delta"/> applied. Containers are keyed by id: an
    /// upsert replaces the container with its id and any with its name (recreated under the same name), a removal names
    /// an id. Each chain the delta carries replaces that chain's rules; other chains keep theirs. Sections that are null
    /// did not change. Sequence checks are the caller's (the server asks for a snapshot on a gap).
    /// </summary>
    public HostSnapshot Apply(HostDelta delta) => this with
    {
        Sequence = delta.Sequence,
        TakenAt = delta.At,
        DockerVersion = delta.DockerVersion ?? DockerVersion,
        Bridges = delta.Bridges ?? Bridges,
        Containers = ContainerFold.Apply(Containers, delta.UpsertedContainers, delta.RemovedContainers),
        Rules = ChainFold.Apply(Rules, delta.Chains),
        Policies = delta.Policies ?? Policies,
    };

    /// <summary>
    /// What changed from this snapshot to <paramref name="after"/>, as the delta numbered <paramref name="sequence"/>;
    /// null when nothing did. Only changed containers and changed chains are carried.
    /// </summary>
    public HostDelta? DeltaTo(HostSnapshot after, long sequence) => SnapshotDiff.Between(this, after, sequence);
}
