using Microsoft.Extensions.Options;

namespace Portal.Server.Flows;

/// <summary>Every hour, deletes the edges not seen within <c>Portal:Flows:Retention</c> (7 days unless configured).</summary>
public sealed class FlowRetention(FlowStore store, IOptionsMonitor<FlowOptions> options, TimeProvider clock, ILogger<FlowRetention> logger)
    : BackgroundService
{
    public static readonly TimeSpan Period = TimeSpan.FromHours(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Period, clock);
        do
        {
            try
            {
                await PruneAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogWarning(e, "Flow retention failed; trying again in an hour");
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    /// <summary>One pass: deletes what is older than the retention now; returns how many edges went.</summary>
    public async Task<int> PruneAsync(CancellationToken cancellationToken)
    {
        var retention = options.CurrentValue.Retention;
        if (retention <= TimeSpan.Zero)
        {
            return 0;
        }

        var cutoff = clock.GetUtcNow() - retention;
        var pruned = await store.PruneAsync(cutoff, cancellationToken);
        if (pruned > 0)
        {
            logger.LogInformation("Flow retention: deleted {Edges} edges last seen before {Cutoff:O}", pruned, cutoff);
        }

        return pruned;
    }
}
