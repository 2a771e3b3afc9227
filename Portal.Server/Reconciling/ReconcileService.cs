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

    /// <summary>Each host's next pass: when it is due, and whether an earlier request may bring it forward (not when firm).</summary>
    private readonly ConcurrentDictionary<string, (DateTimeOffset Due, bool Firm)> _scheduled = new(StringComparer.OrdinalIgnoreCase);
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
                if (!_scheduled.TryGetValue(host, out var pending) || pending.Due > clock.GetUtcNow() + Debounce
                    || !_scheduled.TryRemove(new KeyValuePair<string, (DateTimeOffset, bool)>(host, pending)))
                {
                    continue;
                }

                try
                {
                    if (await reconciler.RunAsync(host, stoppingToken) is { } next)
                    {
                        Schedule(host, next.After, stoppingToken, next.Firm);
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
    /// Queues a pass after <paramref name="delay"/>. A host already waiting for one as soon, or firmly (its state
    /// settling after a change: a report meanwhile may still predate the change), is not queued twice; a host waiting
    /// longer for a repair's backoff (ten seconds) gets the earlier pass, so a new report is judged at once.
    /// </summary>
    private void Schedule(string host, TimeSpan delay, CancellationToken stoppingToken, bool firm = false)
    {
        var next = (Due: clock.GetUtcNow() + delay, Firm: firm);
        while (true)
        {
            if (!_scheduled.TryGetValue(host, out var pending))
            {
                if (_scheduled.TryAdd(host, next))
                {
                    break;
                }
            }
            else if (pending.Firm || pending.Due <= next.Due)
            {
                return;
            }
            else if (_scheduled.TryUpdate(host, next, pending))
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
