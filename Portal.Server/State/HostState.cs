using Portal.Contracts.Api;
using Portal.Contracts.Model;

namespace Portal.Server.State;

/// <summary>
/// What the server holds about one registered host at one moment (immutable; the store swaps whole values).
/// <see cref="Snapshot"/> is null until the agent's first snapshot; <see cref="LastError"/> (memory only) is why its
/// agent was last refused, until a snapshot is accepted.
/// </summary>
public sealed record HostState(
    string Name,
    bool Online,
    DateTimeOffset? LastSeen,
    string? DockerVersion,
    HostSnapshot? Snapshot,
    DateTimeOffset? UpdatedAt,
    bool AwaitingSnapshot = false,
    string? LastError = null)
{
    public long Sequence => Snapshot?.Sequence ?? -1;

    public HostSummary ToSummary() => new(
        Name,
        Online,
        DockerVersion,
        LastSeen,
        Snapshot?.Containers.Count ?? 0,
        Snapshot?.Bridges.Count ?? 0,
        Snapshot?.Rules.Count ?? 0,
        LastError);
}
