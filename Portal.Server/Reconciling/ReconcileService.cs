using System.Collections.Concurrent;
using Portal.Server.Intents;
using Portal.Server.State;

namespace Portal.Server.Reconciling;

/// <summary>
/// Runs <see cref="HostReconciler"/> for a host <see cref="Debounce"/> after its state changed (a burst of deltas
/// costs one pass) and for every host with intents every <see cref="Interval"/> (drift that produced no event, and
/// backoffs that ran out). Passes run one at a time; each host's changes and repairs are serialized by its lock anyway.
/// </summary>
public sealed class ReconcileService(
    ReconcileSignal signal,
    HostReconciler reconciler,
    HostStateStore store,
    IntentStore intents,
    TimeProvider clock,
    ILogger<ReconcileService> logger) : BackgroundService
{
    public static readonly TimeSpan Debounce = TimeSpan.FromMilliseconds(200);

    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(30);

    /// <summary>Each host's next pass, by when it is due; a later request never delays it, an earlier one brings it forward.</summary>
    private readonly ConcurrentDictionary<string, DateTimeOffset> _scheduled = new(StringComparer.OrdinalIgnoreCase);
    private readonly System.Threading.Channels.Channel<string> _due = System.Threading.Channels.Channel.CreateUnbounded<string>();

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var listening = ListenAsync(stoppingToken);
        var ticking = TickAsync(stoppingToken);
        try
        {
            await foreach (var host in _due.Reader.ReadAllAsync(stoppingToken))
            {
                // A timer whose pass was brought forward (or already ran) finds nothing due: skip it.
                if (!_scheduled.TryGetValue(host, out var due) || due > clock.GetUtcNow() + Debounce
                    || !_scheduled.TryRemove(new KeyValuePair<string, DateTimeOffset>(host, due)))
                {
                    continue;
                }

                try
                {
                    if (await reconciler.RunAsync(host, stoppingToken) is { } wait)
                    {
                        Schedule(host, wait, stoppingToken);
                    }
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    // One host's trouble (a busy database, a bad stored spec) must not stop the others' repairs.
                    logger.LogError(e, "Reconciling host {Host} failed", host);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }

        await Task.WhenAll(listening, ticking).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
    }

    private async Task ListenAsync(CancellationToken stoppingToken)
    {
        await foreach (var host in signal.Reader.ReadAllAsync(stoppingToken))
        {
            Schedule(host, Debounce, stoppingToken);
        }
    }

    private async Task TickAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval, clock);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                var hosts = await intents.HostsWithIntentsAsync(stoppingToken);
                foreach (var host in hosts.Concat(store.All().Select(s => s.Name)).Distinct(StringComparer.OrdinalIgnoreCase))
                {
                    Schedule(host, TimeSpan.Zero, stoppingToken);
                }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogWarning(e, "Could not list the hosts to reconcile");
            }
        }
    }

    /// <summary>
    /// Queues a pass after <paramref name="delay"/>. A host already waiting for one as soon is not queued twice; a host
    /// waiting longer (a repair held back ten seconds by its backoff) gets the earlier pass, so a new event is never
    /// swallowed by a wait.
    /// </summary>
    private void Schedule(string host, TimeSpan delay, CancellationToken stoppingToken)
    {
        var due = clock.GetUtcNow() + delay;
        while (true)
        {
            if (!_scheduled.TryGetValue(host, out var pending))
            {
                if (_scheduled.TryAdd(host, due))
                {
                    break;
                }
            }
            else if (pending <= due)
            {
                return;
            }
            else if (_scheduled.TryUpdate(host, due, pending))
            {
                break;
            }
        }

        _ = Task.Run(async () =>
        {
            try
            {
                if (delay > TimeSpan.Zero)
                {
                    await Task.Delay(delay, clock, stoppingToken);
                }

                _due.Writer.TryWrite(host);
            }
            catch (OperationCanceledException)
            {
            }
        }, CancellationToken.None);
    }
}
