using Microsoft.Extensions.Logging;
using Portal.Contracts.Agent;
using Portal.Contracts.Flows;
using Portal.Contracts.Wire;
using Portal.Core.Flows;
using Portal.Host.Flows;
using Portal.Host.Resilience;

namespace Portal.Host.Agent;

/// <summary>
/// Live flows: follows conntrack in the host's namespace (<see cref="ConntrackMonitor"/>), names the ends with the latest
/// snapshot and reports the edges that moved to the server at most every <see cref="Interval"/>, whatever the traffic
/// (<see cref="FlowReporter"/>). A failed report is sent again through the agent's retry pipeline, once connected.
/// </summary>
public sealed class FlowWatcherService(
    AgentSession session,
    AgentConnection connection,
    ObservedSnapshot observed,
    AgentRetry retry,
    TimeProvider clock,
    ILoggerFactory loggers,
    AgentExit exit) : AgentPart(exit)
{
    public static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(500);

    private readonly ILogger _logger = loggers.CreateLogger("Portal.Host.Agent");

    protected override string Part => "the flow watcher";

    protected override async Task RunAsync(CancellationToken stoppingToken)
    {
        var start = await session.StartedAsync(stoppingToken);
        var names = new CachedEnds(observed);
        var reporter = new FlowReporter(start.Host, names.Current, clock, _logger);
        var monitor = new ConntrackMonitor(retry, _logger);
        var watching = monitor.RunAsync(reporter.Add, stoppingToken);
        using var timer = new PeriodicTimer(Interval, clock);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            if (!connection.IsConnected)
            {
                continue;
            }

            await retry.RunAsync(
                "Delivering flows",
                async token =>
                {
                    if (connection.IsConnected && !await reporter.SendAsync(DeliverAsync, token))
                    {
                        throw new IOException("flow report not acknowledged");
                    }
                },
                stoppingToken);
        }

        await watching;
    }

    private Task DeliverAsync(FlowReport report, CancellationToken cancellationToken) =>
        connection.InvokeAsync(AgentHubMethods.Flows, report, cancellationToken);

    /// <summary>The address names of the latest snapshot, rebuilt only when the worker published a new one.</summary>
    private sealed class CachedEnds(ObservedSnapshot observed)
    {
        private (Contracts.Model.HostSnapshot? Snapshot, FlowEnds Ends) _cache = (null, FlowEnds.None);

        public FlowEnds Current()
        {
            var snapshot = observed.Current;
            var cache = _cache;
            if (!ReferenceEquals(cache.Snapshot, snapshot) && snapshot is not null)
            {
                cache = (snapshot, new FlowEnds(snapshot));
                _cache = cache;
            }

            return cache.Ends;
        }
    }
}
