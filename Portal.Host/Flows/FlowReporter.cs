using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Logging;
using Portal.Contracts.Flows;
using Portal.Core.Flows;

namespace Portal.Host.Flows;

/// <summary>
/// Turns conntrack events into flow reports: events add up in a <see cref="FlowAggregator"/> (named with the latest
/// snapshot), and each <see cref="SendAsync"/> takes what waits into one numbered <see cref="FlowReport"/>. A report
/// the server did not acknowledge is sent again as it was (same number: the server counts it once) before anything
/// newer; a report the server refused is dropped, it would be refused again.
/// </summary>
public sealed class FlowReporter(string host, Func<FlowEnds> ends, TimeProvider clock, ILogger logger)
{
    /// <summary>At most this many edges per report (the server's bound); the rest wait for the next one.</summary>
    public const int MaxEdges = 2000;

    private readonly FlowAggregator _aggregator = new();
    private readonly Lock _lock = new();
    private FlowReport? _unacknowledged;
    private long _number;

    public Guid Run { get; } = Guid.NewGuid();

    /// <summary>Events whose edge was dropped because too many edges were waiting (the server was away long).</summary>
    public long Dropped
    {
        get
        {
            lock (_lock)
            {
                return _aggregator.Dropped;
            }
        }
    }

    public void Add(List<ConntrackEvent> events)
    {
        var names = ends();
        var now = clock.GetUtcNow();
        lock (_lock)
        {
            foreach (var e in events)
            {
                _aggregator.Add(e, names, now);
            }
        }
    }

    /// <summary>Sends the waiting report, if any; false when the delivery failed (kept for the next call).</summary>
    public async Task<bool> SendAsync(Func<FlowReport, CancellationToken, Task> deliver, CancellationToken cancellationToken)
    {
        var report = _unacknowledged ?? Next();
        if (report is null)
        {
            return true;
        }

        _unacknowledged = report;
        try
        {
            await deliver(report, cancellationToken);
        }
        catch (HubException e) when (e.Message.Contains("refused:", StringComparison.Ordinal))
        {
            logger.LogWarning("The server refused flow report {Number} ({Error}); dropped", report.Number, e.Message);
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            logger.LogDebug("Flow report {Number} not delivered ({Error}); sent again", report.Number, e.Message);
            return false;
        }

        _unacknowledged = null;
        return true;
    }

    private FlowReport? Next()
    {
        List<FlowEdge> edges;
        lock (_lock)
        {
            edges = _aggregator.Take(MaxEdges);
        }

        return edges.Count == 0 ? null : new FlowReport(host, Run, ++_number, edges);
    }
}
