using System.Collections.Concurrent;
using Portal.Contracts.Model;
using Portal.Core.State;

namespace Portal.Server.State;

/// <summary>
/// The latest state of every registered host, in memory so reads are fast. Each host's value is immutable and
/// replaced under that host's own lock, so readers never block and writers of different hosts never contend.
/// </summary>
public sealed class HostStateStore(TimeProvider clock)
{
    private readonly ConcurrentDictionary<string, Slot> _hosts = new(StringComparer.OrdinalIgnoreCase);

    public HostState? Get(string host) => _hosts.TryGetValue(host, out var slot) ? slot.Current : null;

    public IReadOnlyList<HostState> All() =>
        _hosts.Values.Select(s => s.Current).OrderBy(s => s.Name, StringComparer.OrdinalIgnoreCase).ToList();

    /// <summary>Registers a host (at start-up from the database, or when an admin adds it).</summary>
    public void Add(HostState state) => _hosts[state.Name] = new Slot(state);

    public bool Remove(string host) => _hosts.TryRemove(host, out _);

    public HostState? ApplySnapshot(HostSnapshot snapshot, string host)
    {
        return Update(host, s => s with
        {
            Online = true,
            LastSeen = clock.GetUtcNow(),
            DockerVersion = snapshot.DockerVersion,
            Snapshot = snapshot with { Host = s.Name },
            UpdatedAt = clock.GetUtcNow(),
            AwaitingSnapshot = false,
            LastError = null,
        });
    }

    /// <summary>Records why the host's agent was refused, for the admin page.</summary>
    public HostState? SetLastError(string host, string reason) =>
        Update(host, s => s with { LastError = reason });

    public (DeltaOutcome Outcome, HostState? State) ApplyDelta(HostDelta delta, string host)
    {
        if (!_hosts.TryGetValue(host, out var slot))
        {
            return (DeltaOutcome.UnknownHost, null);
        }

        lock (slot)
        {
            var current = slot.Current;
            if (current.Snapshot is null || delta.Sequence != current.Sequence + 1)
            {
                var outcome = current.AwaitingSnapshot ? DeltaOutcome.GapAlreadyRequested : DeltaOutcome.Gap;
                slot.Current = current with { AwaitingSnapshot = true, LastSeen = clock.GetUtcNow() };
                return (outcome, slot.Current);
            }

            var snapshot = current.Snapshot.Apply(delta);
            slot.Current = current with
            {
                Online = true,
                LastSeen = clock.GetUtcNow(),
                DockerVersion = snapshot.DockerVersion,
                Snapshot = snapshot,
                UpdatedAt = clock.GetUtcNow(),
            };
            return (DeltaOutcome.Applied, slot.Current);
        }
    }

    public HostState? SetOnline(string host, bool online) =>
        Update(host, s => s with { Online = online, LastSeen = clock.GetUtcNow(), AwaitingSnapshot = false });

    private HostState? Update(string host, Func<HostState, HostState> change)
    {
        if (!_hosts.TryGetValue(host, out var slot))
        {
            return null;
        }

        lock (slot)
        {
            slot.Current = change(slot.Current);
            return slot.Current;
        }
    }

    private sealed class Slot(HostState state)
    {
        public volatile HostState Current = state;
    }
}
