using Portal.Contracts.Model;

namespace Portal.Core.State;

/// <summary>
/// The one fold of a host's state, used by the agent, the server and the browser alike: a snapshot with a delta
/// applied, the delta between two snapshots, and two deltas merged into one.
/// </summary>
public static class SnapshotFold
{
    extension(HostSnapshot snapshot)
    {
        /// <summary>
        /// This snapshot with <paramref name="delta"/> applied. Containers are keyed by id: an upsert replaces the
        /// container with its id and any with its name (recreated under the same name), a removal names an id. Each
        /// chain the delta carries replaces that chain's rules; other chains keep theirs. Sections that are null did
        /// not change. Sequence checks are the caller's (the server asks for a snapshot on a gap).
        /// </summary>
        public HostSnapshot Apply(HostDelta delta) => snapshot with
        {
            Sequence = delta.Sequence,
            TakenAt = delta.At,
            DockerVersion = delta.DockerVersion ?? snapshot.DockerVersion,
            Bridges = delta.Bridges ?? snapshot.Bridges,
            Containers = ContainerFold.Apply(snapshot.Containers, delta.UpsertedContainers, delta.RemovedContainers),
            Rules = ChainFold.Apply(snapshot.Rules, delta.Chains),
        };

        /// <summary>
        /// What changed from this snapshot to <paramref name="after"/>, as the delta numbered <paramref name="sequence"/>;
        /// null when nothing did. Only changed containers and changed chains are carried.
        /// </summary>
        public HostDelta? DeltaTo(HostSnapshot after, long sequence) => SnapshotDiff.Between(snapshot, after, sequence);
    }

    extension(HostDelta delta)
    {
        /// <summary>
        /// This delta followed by <paramref name="next"/>, as one: applying the result equals applying both in order,
        /// for deltas that name every container they remove by id, as the agent's do (a recreate lists the old id; the
        /// fold's same-name replacement is a safety net that a merge cannot carry further). Sends a burst as one message.
        /// </summary>
        public HostDelta Then(HostDelta next)
        {
            var (upserted, removed) = ContainerFold.Merge(delta.UpsertedContainers, delta.RemovedContainers, next.UpsertedContainers, next.RemovedContainers);
            return next with
            {
                DockerVersion = next.DockerVersion ?? delta.DockerVersion,
                Bridges = next.Bridges ?? delta.Bridges,
                UpsertedContainers = upserted,
                RemovedContainers = removed,
                Chains = ChainFold.Merge(delta.Chains, next.Chains),
            };
        }
    }
}
