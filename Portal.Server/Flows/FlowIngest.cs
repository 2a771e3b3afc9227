using System.Collections.Concurrent;
using Portal.Contracts.Flows;

namespace Portal.Server.Flows;

/// <summary>
/// Stores an agent's flow report once and pushes the edges' new totals. A report the server already stored (the
/// agent sends it again when the acknowledgement was lost) is acknowledged without being counted twice: reports of one
/// agent run arrive in order, so the last stored number per host and run is enough.
/// </summary>
public sealed class FlowIngest(FlowStore store, FlowNotifier notifier)
{
    private readonly ConcurrentDictionary<string, (Guid Run, long Number)> _last = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>True when stored, false when it was a duplicate.</summary>
    public async Task<bool> AddAsync(string host, FlowReport report, CancellationToken cancellationToken)
    {
        if (_last.TryGetValue(host, out var last) && last.Run == report.Run && report.Number <= last.Number)
        {
            return false;
        }

        var totals = report.Edges.Count == 0 ? [] : await store.AddAsync(host, report.Edges, cancellationToken);
        _last[host] = (report.Run, report.Number);
        notifier.Publish(host, totals);
        return true;
    }
}
