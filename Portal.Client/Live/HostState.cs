using Portal.Contracts.Api;
using Portal.Contracts.Model;
using Portal.Core.State;

namespace Portal.Client.Live;

/// <summary>
/// What a page knows of one host: the state it fetched (<c>GET /api/hosts/{host}/state</c>) as a snapshot, folded
/// forward with the delta of every <see cref="HostChange"/> through <see cref="HostSnapshot.Apply"/>, the fold the
/// server runs. Immutable, so a page swaps it in one assignment and renders a consistent picture.
/// </summary>
public sealed record HostState(string Host, HostSummary? Summary, HostSnapshot Snapshot)
{
    public IReadOnlyList<Bridge> Bridges => Snapshot.Bridges;

    public IReadOnlyList<Container> Containers => Snapshot.Containers;

    public IReadOnlyList<Rule> Rules => Snapshot.Rules;

    public static HostState Empty(string host) => new(host, null, HostSnapshot.Empty(host));

    /// <summary>The fetched state; containers sorted by name, the order the fold keeps.</summary>
    public static HostState From(HostStateView view) => new(view.Host, view.Summary, view.ToSnapshot() with
    {
        Containers = [.. view.Containers.OrderBy(c => c.Name, StringComparer.Ordinal)],
    });

    public Container? FindContainer(string name) =>
        Containers.FirstOrDefault(c => string.Equals(c.Name, name, StringComparison.Ordinal));

    public HostState Apply(IEnumerable<HostChange> changes) =>
        changes.Aggregate(this, (state, change) => state.Apply(change));

    public HostState Apply(HostChange change)
    {
        if (!string.Equals(change.Host, Host, StringComparison.OrdinalIgnoreCase))
        {
            return this;
        }

        var snapshot = Snapshot;
        if (change.Delta is { } delta)
        {
            // A resync that carries a delta is a whole new picture (the feed refetched it): fold it onto nothing, or
            // containers that vanished while we were not listening would stay. A delta the fetched state already
            // includes (it arrived while the fetch ran) is skipped, so an older view never overwrites a newer one.
            if (change.Resync)
            {
                snapshot = HostSnapshot.Empty(Host).Apply(delta);
            }
            else if (delta.Sequence > Snapshot.Sequence)
            {
                snapshot = Snapshot.Apply(delta);
            }
        }

        return this with { Summary = change.Summary, Snapshot = snapshot };
    }

    /// <summary>The whole state as one resync change, the form in which the feed hands a refetched picture to a page.</summary>
    public HostChange ToResync() =>
        new(Host, Snapshot.Sequence, Summary ?? new HostSummary(Host, false, null, null, Containers.Count, Bridges.Count, Rules.Count),
            Resync: true, Delta: HostSnapshot.Empty(Host).DeltaTo(Snapshot, Snapshot.Sequence) ?? new HostDelta(Host, Snapshot.Sequence, Snapshot.TakenAt));
}
