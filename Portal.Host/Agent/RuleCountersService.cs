using Microsoft.Extensions.Logging;
using Portal.Contracts.Agent;
using Portal.Contracts.Model;
using Portal.Core.Iptables;
using Portal.Host.Cli;
using Portal.Host.Iptables;
using Portal.Host.Snapshot;

namespace Portal.Host.Agent;

/// <summary>
/// Every <c>--counters-interval</c> (2 s by default) while the server is connected and greeted: reads the rule
/// counters and sends the ones that moved as a <see cref="RuleCounterBatch"/>, a full one first on each connection.
/// Sent, not invoked: a batch lost with the connection is replaced by the full one of the next. Off with an interval of
/// zero, and on Docker's nftables backend (no iptables-save to read counters from).
/// </summary>
public sealed class RuleCountersService(
    AgentOptions options, AgentSession session, AgentConnection connection, IptablesBackend backend, ILoggerFactory loggers, AgentExit exit)
    : AgentPart(exit)
{
    private readonly ILogger _logger = loggers.CreateLogger("Portal.Host.Agent");

    protected override string Part => "the rule counters";

    protected override async Task RunAsync(CancellationToken stoppingToken)
    {
        var reader = new RuleCounterReader(backend);
        if (options.CountersInterval <= TimeSpan.Zero || !reader.IsSupported)
        {
            _logger.LogInformation(
                "Rule counters off ({Reason})",
                reader.IsSupported ? "--counters-interval 0" : "Docker's nftables firewall backend has no iptables-save -c to read them from");
            await Task.Delay(Timeout.Infinite, stoppingToken);
            return;
        }

        var host = (await session.StartedAsync(stoppingToken)).Host;
        var tracker = new RuleCounterTracker();
        var sentOn = 0L;
        var failing = false;
        using var timer = new PeriodicTimer(options.CountersInterval);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            // Only on a greeted connection: before the hello the server would take the batch for an old agent's.
            var greeted = connection.Greeted;
            if (!connection.IsGreeted)
            {
                continue;
            }

            List<RuleCount> counts;
            try
            {
                counts = await reader.ReadAsync(stoppingToken);
                failing = false;
            }
            catch (ObservationException e)
            {
                if (!failing)
                {
                    _logger.LogWarning("Could not read the rule counters: {Error}; trying again every {Interval}", e.Message, options.CountersInterval);
                }

                failing = true;
                continue;
            }

            var full = sentOn != greeted;
            var changes = tracker.Update(counts, full);
            if (changes.IsEmpty && !full)
            {
                continue;
            }

            try
            {
                await connection.SendAsync(AgentHubMethods.Counters, Batch(host, full, changes), stoppingToken);
                sentOn = greeted;
            }
            catch (Exception e) when (e is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
            {
                // The next connection starts with a full batch anyway.
                _logger.LogDebug("Could not send the rule counters: {Error}", e.Message);
                sentOn = 0;
            }
        }
    }

    public static RuleCounterBatch Batch(string host, bool full, RuleCountChanges changes) =>
        new(host, full, [.. changes.Changed.Select(Counter)], changes.Removed.Count == 0 ? null : [.. changes.Removed.Select(Counter)]);

    private static RuleCounter Counter(RuleCount count) => new(
        count.Key.Table, count.Key.Chain, count.Key.Index, count.Key.Text, count.Key.Ipv6,
        (long)Math.Min(count.Counters.Packets, long.MaxValue), (long)Math.Min(count.Counters.Bytes, long.MaxValue));
}
