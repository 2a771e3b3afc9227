using Portal.Core.State;

namespace Portal.Core.Model;

/// <summary>
/// What changed on a host since the previous sequence number. Sections that did not change are null.
/// <see cref="UpsertedContainers"/> are whole containers, new or changed; <see cref="RemovedContainers"/> are ids.
/// <see cref="Chains"/> holds only the chains whose rules changed, each with its complete new rule list;
/// <see cref="Policies"/> all built-in chains' policies when any changed.
/// A receiver that sees a gap in <see cref="Sequence"/> asks for a full snapshot. <see cref="HostSnapshot.Apply"/> folds it.
/// </summary>
public sealed record HostDelta(
    string Host,
    long Sequence,
    DateTimeOffset At,
    string? DockerVersion = null,
    IReadOnlyList<Bridge>? Bridges = null,
    IReadOnlyList<Container>? UpsertedContainers = null,
    IReadOnlyList<string>? RemovedContainers = null,
    IReadOnlyList<ChainRules>? Chains = null,
    IReadOnlyList<ChainPolicy>? Policies = null)
{
    /// <summary>
    /// This delta followed by <paramref name="next"/>, as one: applying the result equals applying both in order, for
    /// deltas that name every container they remove by id, as the agent's do (a recreate lists the old id; the fold's
    /// same-name replacement is a safety net that a merge cannot carry further). Sends a burst as one message.
    /// </summary>
    public HostDelta Then(HostDelta next)
    {
        var (upserted, removed) = ContainerFold.Merge(UpsertedContainers, RemovedContainers, next.UpsertedContainers, next.RemovedContainers);
        return next with
        {
            DockerVersion = next.DockerVersion ?? DockerVersion,
            Bridges = next.Bridges ?? Bridges,
            UpsertedContainers = upserted,
            RemovedContainers = removed,
            Chains = ChainFold.Merge(Chains, next.Chains),
            Policies = next.Policies ?? Policies,
        };
    }
}
