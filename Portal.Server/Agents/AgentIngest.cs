using Portal.Contracts.Model;
using Portal.Server.Cluster;
using Portal.Server.Live;
using Portal.Server.Reconciling;
using Portal.Server.Secrets;
using Portal.Server.State;

namespace Portal.Server.Agents;

/// <summary>
/// The short one-way path from an agent's message to the state store, SQLite and the browsers. Secret values are masked
/// first, here and only here, so nothing downstream ever holds one in clear.
/// </summary>
public sealed class AgentIngest(
    HostStateStore store, HostStatePersister persister, LiveNotifier live, ReconcileSignal reconcile, SecretVault vault, ClusterBus cluster)
{
    public void Snapshot(string host, HostSnapshot snapshot)
    {
        if (store.Get(host) is null)
        {
            return;
        }

        if (store.ApplySnapshot(vault.Seal(host, snapshot), host) is { } state)
        {
            persister.Enqueue(state.Name);
            cluster.StateReplaced(state);
            live.Publish(state, resync: true);
            reconcile.Notify(state.Name);
        }
    }

    /// <summary>Applies a delta; the outcome says whether the agent must be asked for a snapshot.</summary>
    public DeltaOutcome Delta(string host, HostDelta delta)
    {
        if (store.Get(host) is null)
        {
            return DeltaOutcome.UnknownHost;
        }

        var masked = vault.Seal(host, delta);
        var (outcome, state) = store.ApplyDelta(masked, host);
        if (outcome == DeltaOutcome.Applied && state is not null)
        {
            vault.Keep(host, state.Snapshot?.Containers.Select(c => c.Id) ?? []);
            persister.Enqueue(state.Name);
            cluster.DeltaApplied(state.Name, masked);
            live.PublishDelta(state, masked);
            reconcile.Notify(state.Name);
        }

        return outcome;
    }

    /// <summary>The agent was refused: the reason goes to the host's summary (and so to the admin page, live).</summary>
    public void Refused(string host, string reason)
    {
        if (store.SetLastError(host, reason) is { } state)
        {
            cluster.Refused(state.Name, reason);
            live.Publish(state);
        }
    }

    public void Online(string host, bool online)
    {
        var before = store.Get(host);
        if (store.SetOnline(host, online) is { } state)
        {
            persister.Enqueue(state.Name);
            if (before?.Online != online)
            {
                cluster.OnlineChanged(state.Name, online);
                live.Publish(state);
            }
        }
    }
}
