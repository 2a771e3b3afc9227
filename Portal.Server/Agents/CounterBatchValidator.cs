using Portal.Contracts.Model;

namespace Portal.Server.Agents;

/// <summary>
/// What a <see cref="RuleCounterBatch"/> must satisfy before it reaches the counters: the token's host, a bounded
/// number of counters (<see cref="RuleCounterBatch.MaxCounters"/>), and each counter a rule's (table, chain, index from
/// 1, text of at most <see cref="RuleCounterBatch.MaxTextLength"/> characters, counts not negative). Returns the reason it
/// fails, or null.
/// </summary>
public static class CounterBatchValidator
{
    private const int MaxNameLength = 64;

    public static string? Check(RuleCounterBatch batch, string host)
    {
        if (!string.Equals(batch.Host, host, StringComparison.OrdinalIgnoreCase))
        {
            return $"counters for host '{batch.Host}' on the token of '{host}'";
        }

        if (batch.Counters is null)
        {
            return "missing counters";
        }

        var total = batch.Counters.Count + (batch.Removed?.Count ?? 0);
        if (total > RuleCounterBatch.MaxCounters)
        {
            return $"{total} counters in one batch (at most {RuleCounterBatch.MaxCounters})";
        }

        return Check(batch.Counters) ?? (batch.Removed is null ? null : Check(batch.Removed));
    }

    private static string? Check(IReadOnlyList<RuleCounter> counters)
    {
        foreach (var counter in counters)
        {
            if (counter is null || string.IsNullOrEmpty(counter.Table) || string.IsNullOrEmpty(counter.Chain) || counter.Text is null)
            {
                return "a counter without a table, chain or text";
            }

            if (counter.Table.Length > MaxNameLength || counter.Chain.Length > MaxNameLength || counter.Text.Length > RuleCounterBatch.MaxTextLength)
            {
                return $"a counter of {counter.Table} {counter.Chain[..Math.Min(counter.Chain.Length, MaxNameLength)]} with an over-long name or text";
            }

            if (counter.Index < 1 || counter.Packets < 0 || counter.Bytes < 0)
            {
                return $"a counter of {counter.Table} {counter.Chain} with index {counter.Index}, packets {counter.Packets}, bytes {counter.Bytes}";
            }
        }

        return null;
    }
}
