namespace Portal.Core.Iptables;

/// <summary>What moved between two reads of the counters: rules whose counts differ (or are new), and rules gone (with their last counts).</summary>
public sealed record RuleCountChanges(IReadOnlyList<RuleCount> Changed, IReadOnlyList<RuleCount> Removed)
{
    public bool IsEmpty => Changed.Count == 0 && Removed.Count == 0;
}

/// <summary>
/// Remembers the counters last handed on and answers only what changed since (by <see cref="RuleCountKey"/>, so a
/// reordered or rewritten rule is a removal plus a new rule, never a count on the wrong one). Not thread-safe: one
/// reader owns it.
/// </summary>
public sealed class RuleCounterTracker
{
    private Dictionary<RuleCountKey, PacketCounters> _last = [];

    /// <summary>The changes from the last read to <paramref name="current"/>; <paramref name="full"/> answers every counter as changed (a receiver that starts from nothing).</summary>
    public RuleCountChanges Update(IReadOnlyList<RuleCount> current, bool full = false)
    {
        ArgumentNullException.ThrowIfNull(current);
        var next = new Dictionary<RuleCountKey, PacketCounters>(current.Count);
        var changed = new List<RuleCount>();
        foreach (var count in current)
        {
            // A dump never holds two equal keys (the index differs); the first wins if a hand-made one does.
            if (!next.TryAdd(count.Key, count.Counters))
            {
                continue;
            }

            if (full || !_last.TryGetValue(count.Key, out var before) || before != count.Counters)
            {
                changed.Add(count);
            }
        }

        var removed = new List<RuleCount>();
        foreach (var (key, counters) in _last)
        {
            if (!next.ContainsKey(key))
            {
                removed.Add(new RuleCount(key, counters));
            }
        }

        _last = next;
        return new RuleCountChanges(changed, removed);
    }
}
