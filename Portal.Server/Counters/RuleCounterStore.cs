using System.Collections.Concurrent;
using Portal.Contracts.Model;

namespace Portal.Server.Counters;

/// <summary>
/// The latest rule counters of each host, in memory only: they change every few seconds and mean nothing after a
/// restart (the agent's first batch on its new connection is a full one). Keyed as the agent keys them (family,
/// table, chain, index, text), so a count stays with the rule it was read for.
/// </summary>
public sealed class RuleCounterStore
{
    private readonly ConcurrentDictionary<string, HostCounters> _hosts = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Folds a batch in and returns the counters that now differ from what was held (what the browsers need).</summary>
    public IReadOnlyList<RuleCounter> Apply(string host, RuleCounterBatch batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        var counters = _hosts.GetOrAdd(host, _ => new HostCounters());
        var changed = new List<RuleCounter>();
        lock (counters)
        {
            var before = counters.ByRule;
            if (batch.Full)
            {
                counters.ByRule = new Dictionary<CounterKey, RuleCounter>(batch.Counters.Count);
            }

            foreach (var removed in batch.Removed ?? [])
            {
                counters.ByRule.Remove(CounterKey.Of(removed));
            }

            foreach (var counter in batch.Counters)
            {
                var key = CounterKey.Of(counter);
                if (!before.TryGetValue(key, out var held) || held.Packets != counter.Packets || held.Bytes != counter.Bytes)
                {
                    changed.Add(counter);
                }

                counters.ByRule[key] = counter;
            }
        }

        return changed;
    }

    /// <summary>The host's counters in rule order (IPv4 first, then by table, chain and index); empty before any batch.</summary>
    public IReadOnlyList<RuleCounter> Get(string host)
    {
        if (!_hosts.TryGetValue(host, out var counters))
        {
            return [];
        }

        lock (counters)
        {
            return [.. counters.ByRule.Values
                .OrderBy(c => c.Ipv6)
                .ThenBy(c => c.Table, StringComparer.Ordinal)
                .ThenBy(c => c.Chain, StringComparer.Ordinal)
                .ThenBy(c => c.Index)];
        }
    }

    public void Forget(string host) => _hosts.TryRemove(host, out _);

    private sealed class HostCounters
    {
        public Dictionary<CounterKey, RuleCounter> ByRule { get; set; } = [];
    }

    private readonly record struct CounterKey(bool Ipv6, string Table, string Chain, int Index, string Text)
    {
        public static CounterKey Of(RuleCounter counter) => new(counter.Ipv6, counter.Table, counter.Chain, counter.Index, counter.Text);
    }
}
