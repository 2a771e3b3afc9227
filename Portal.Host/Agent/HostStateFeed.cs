using Microsoft.Extensions.Logging;
using Portal.Contracts.Agent;
using Portal.Contracts.Model;
using Portal.Core.State;
using Portal.Host.Snapshot;

namespace Portal.Host.Agent;

/// <summary>
/// Sends the observed state to the server: a full snapshot when one is owed (connected, reconnected, asked), else one
/// delta per change with the sequence growing by exactly one. A delta that cannot be sent makes a snapshot owed, which
/// carries the state instead. Used by the <see cref="ObservationWorker"/> alone, so deltas leave in order.
/// </summary>
public sealed class HostStateFeed(AgentConnection connection, ILoggerFactory loggers)
{
    private readonly ILogger _logger = loggers.CreateLogger("Portal.Host.Agent");
    private bool _snapshotOwed = true;

    /// <summary>The number of the last delta sent (the next snapshot carries it).</summary>
    public long Sequence { get; private set; }

    /// <summary>True when the server's view may be behind and only a snapshot can bring it level.</summary>
    public bool SnapshotOwed => _snapshotOwed;

    public async Task SendDeltaAsync(HostSnapshot before, HostSnapshot after, int ruleChanges, CancellationToken cancellationToken)
    {
        if (_snapshotOwed || !connection.IsConnected)
        {
            // The next snapshot carries the state (rule history travels apart, through the outbox).
            _snapshotOwed = true;
            return;
        }

        if (before.DeltaTo(after, Sequence + 1) is not { } delta)
        {
            return;
        }

        Sequence++;
        try
        {
            await connection.InvokeAsync(AgentHubMethods.Delta, delta, cancellationToken);
            _logger.LogDebug("Sent delta {Sequence} ({Changes} rule changes)", delta.Sequence, ruleChanges);
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            _logger.LogWarning("Failed sending delta {Sequence}: {Error}; a snapshot follows on reconnect", delta.Sequence, e.Message);
            _snapshotOwed = true;
        }
    }

    public async Task SendSnapshotAsync(HostObservation? current, string reason, (Guid Journal, long Batch) covered, CancellationToken cancellationToken)
    {
        if (current is null || !connection.IsConnected)
        {
            _snapshotOwed = true;
            return;
        }

        try
        {
            // Batches are written before this point in the round, so the rules sent include every batch numbered so far.
            var snapshot = current.Snapshot with
            {
                Sequence = Sequence,
                TakenAt = DateTimeOffset.UtcNow,
                RulesJournal = covered.Journal,
                RulesBatch = covered.Batch,
            };
            await connection.InvokeAsync(AgentHubMethods.Snapshot, snapshot, cancellationToken);
            _snapshotOwed = false;
            _logger.LogInformation("Sent snapshot {Sequence} ({Reason})", snapshot.Sequence, reason);
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            _logger.LogWarning("Failed sending the snapshot: {Error}", e.Message);
            _snapshotOwed = true;
        }
    }
}
