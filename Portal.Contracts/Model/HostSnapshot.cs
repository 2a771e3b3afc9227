namespace Portal.Contracts.Model;

/// <summary>
/// Everything an agent observed on one Docker host at one moment: the model the server receives on connect
/// and the output of <c>Portal.Host snapshot</c>. <see cref="RulesJournal"/> and <see cref="RulesBatch"/> say which rule
/// history batch the <see cref="Rules"/> already include (the last one recorded before the snapshot was taken), so a
/// server that starts its history from this snapshot skips batches up to it instead of applying them twice.
/// The fold that applies a <see cref="HostDelta"/> to it lives in Portal.Core (<c>SnapshotFold</c>).
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
    long? RulesBatch = null)
{
    /// <summary>A host nothing is known of yet: applying a whole-state delta to it gives that state.</summary>
    public static HostSnapshot Empty(string host) => new(host, -1, default, string.Empty, string.Empty, [], [], []);
}
