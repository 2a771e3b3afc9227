using Microsoft.Extensions.Logging;
using Portal.Contracts.Model;

namespace Portal.Host.Outbox;

/// <summary>
/// Delivers the outbox in batch order, one invocation at a time: a batch is acknowledged when its invocation
/// completes (the server stored it), and a failure stops the run so nothing is delivered out of order; the run starts
/// again when woken (a new batch, a (re)connect) or after a short pause. Runs apart from the live deltas, so a slow or
/// absent server never holds up the state the pages show.
/// </summary>
public sealed class OutboxSender(
    RuleOutbox outbox,
    Func<RuleChangeBatch, CancellationToken, Task> deliver,
    Func<bool> connected,
    Func<DateTimeOffset?> dockerStarted,
    ILogger logger)
{
    private static readonly TimeSpan Retry = TimeSpan.FromSeconds(3);

    /// <summary>Acknowledged rules are saved at least this often while a long backlog drains.</summary>
    private const int CommitEvery = 64;

    private readonly SemaphoreSlim _wake = new(0, 1);

    public void Wake()
    {
        try
        {
            _wake.Release();
        }
        catch (SemaphoreFullException)
        {
            // Already awake.
        }
    }

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            await _wake.WaitAsync(Retry, cancellationToken);
            if (!connected())
            {
                continue;
            }

            await DrainAsync(cancellationToken);
        }
    }

    /// <summary>Sends every pending batch in order until one fails; returns how many the server acknowledged.</summary>
    public async Task<int> DrainAsync(CancellationToken cancellationToken)
    {
        var delivered = 0;
        try
        {
            foreach (var number in outbox.Pending())
            {
                if (await outbox.ReadAsync(number, cancellationToken) is not { } batch)
                {
                    continue;
                }

                try
                {
                    await deliver(batch, cancellationToken);
                }
                catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
                {
                    logger.LogWarning("Rule history batch {Batch} not delivered ({Error}); kept in the outbox", number, e.Message);
                    break;
                }

                outbox.Acknowledge(batch);
                delivered++;
                if (delivered % CommitEvery == 0)
                {
                    await outbox.CommitAsync(dockerStarted(), cancellationToken);
                }
            }
        }
        finally
        {
            if (delivered > 0)
            {
                await outbox.CommitAsync(dockerStarted(), cancellationToken);
                logger.LogDebug("Rule history: {Count} batches acknowledged", delivered);
            }
        }

        return delivered;
    }
}
