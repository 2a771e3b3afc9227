using Microsoft.Extensions.Logging;
using Portal.Contracts.Model;
using Portal.Host.Resilience;

namespace Portal.Host.Outbox;

/// <summary>
/// Delivers the outbox in batch order, one invocation at a time: a batch is acknowledged when its invocation
/// completes (the server stored it), and a failure stops the run so nothing is delivered out of order. A run starts when
/// woken (a new batch, a (re)connect); one that fails while connected is run again through the agent's retry pipeline,
/// one that finds the server gone waits for the reconnect's wake. Runs apart from the live deltas, so a slow or absent
/// server never holds up the state the pages show.
/// </summary>
public sealed class OutboxSender(
    RuleOutbox outbox,
    Func<RuleChangeBatch, CancellationToken, Task> deliver,
    Func<bool> connected,
    Func<DateTimeOffset?> dockerStarted,
    AgentRetry retry,
    ILogger logger)
{
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
            await _wake.WaitAsync(cancellationToken);
            await retry.RunAsync("Delivering the rule history", DeliverAsync, cancellationToken);
        }
    }

    /// <summary>Sends every pending batch in order until one fails; returns how many the server acknowledged.</summary>
    public Task<int> DrainAsync(CancellationToken cancellationToken) => DrainAsync(throwOnFailure: false, cancellationToken);

    /// <summary>One attempt of the run: nothing to do without a connection (the reconnect wakes the sender), else every
    /// pending batch, failing (to be retried) at the first the server does not take.</summary>
    private async Task DeliverAsync(CancellationToken cancellationToken)
    {
        if (connected())
        {
            await DrainAsync(throwOnFailure: true, cancellationToken);
        }
    }

    private async Task<int> DrainAsync(bool throwOnFailure, CancellationToken cancellationToken)
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
                    if (throwOnFailure && connected())
                    {
                        throw new IOException($"rule history batch {number} not delivered ({e.Message}); kept in the outbox", e);
                    }

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
