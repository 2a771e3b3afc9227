using Portal.Contracts.Flows;

namespace Portal.Client.Formatting;

/// <summary>
/// The flow edges a page holds, keyed by <see cref="FlowKey"/>. A push replaces an edge's totals (it never adds to
/// them) and lights the edges whose count moved; the first fetch lights nothing. Immutable, swapped in one assignment.
/// </summary>
public sealed class FlowSet
{
    private readonly IReadOnlyDictionary<FlowKey, FlowEntry> _entries;

    private FlowSet(IReadOnlyDictionary<FlowKey, FlowEntry> entries) => _entries = entries;

    public static FlowSet Empty { get; } = new(new Dictionary<FlowKey, FlowEntry>());

    public int Count => _entries.Count;

    /// <summary>Every edge, busiest first, then by ends and port so the order is stable.</summary>
    public IReadOnlyList<FlowEntry> Entries =>
        [.. _entries.Values
            .OrderByDescending(e => e.Edge.Count)
            .ThenBy(e => e.Edge.From, StringComparer.Ordinal)
            .ThenBy(e => e.Edge.To, StringComparer.Ordinal)
            .ThenBy(e => e.Edge.Port)
            .ThenBy(e => e.Edge.Proto, StringComparer.Ordinal)];

    public static FlowSet From(IEnumerable<FlowEdge> edges) =>
        Empty.Apply(edges, at: null);

    public FlowEntry? Find(FlowKey key) => _entries.GetValueOrDefault(key);

    /// <summary>
    /// Takes in pushed (or refetched) edges with their new totals: an edge whose count differs from what the set held
    /// (or that is new) is lit at <paramref name="at"/>; an unchanged one keeps its light. A null moment lights nothing.
    /// </summary>
    public FlowSet Apply(IEnumerable<FlowEdge> edges, DateTimeOffset? at)
    {
        var entries = new Dictionary<FlowKey, FlowEntry>(_entries);
        foreach (var edge in edges)
        {
            var key = FlowKey.Of(edge);
            var old = entries.GetValueOrDefault(key);
            if (old is not null && old.Edge.LastSeen > edge.LastSeen)
            {
                // An older answer (a refetch that raced a push) never overwrites newer totals.
                continue;
            }

            var moved = old is null || old.Edge.Count != edge.Count;
            entries[key] = new FlowEntry(edge, moved && at is not null ? at : old?.LitAt);
        }

        return new FlowSet(entries);
    }

    /// <summary>The edges last seen at or after <paramref name="since"/>: the window slides while the page stays open.</summary>
    public FlowSet Since(DateTimeOffset since) =>
        _entries.Values.All(e => e.Edge.LastSeen >= since)
            ? this
            : new FlowSet(_entries.Where(p => p.Value.Edge.LastSeen >= since).ToDictionary(p => p.Key, p => p.Value));
}
