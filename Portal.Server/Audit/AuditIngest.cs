using Portal.Core.Api;
using Portal.Core.Model;

namespace Portal.Server.Audit;

/// <summary>
/// The agents' way into the audit store. Batches and snapshots of all hosts go through one gate: SQLite has a single
/// writer anyway, and a snapshot's consistency check must not interleave with a batch of the same host.
/// </summary>
/// <remarks>
/// Protocol assumption: an agent delivers its outbox (every batch observed before the snapshot) before it sends the
/// snapshot; the hub handles one connection's messages in order. A snapshot then differs from the replayed history
/// only when changes were really lost (a new or wiped outbox), and the difference is recorded as an external
/// "resync" batch.
/// </remarks>
public sealed class AuditIngest(AuditDatabase database, AuditWriter writer, AuditNotifier notifier, ILogger<AuditIngest> logger)
{
    /// <summary>A cause that says "the history did not explain this; the snapshot showed it".</summary>
    public static readonly ChangeCause Resync = new("external", Process: "resync");

    /// <summary>After this many batches a consistent snapshot becomes a new baseline, so replays stay short.</summary>
    public const int CheckpointEvery = 1000;

    private readonly SemaphoreSlim _gate = new(1, 1);

    /// <summary>Stores the batch once; returns the new rows (empty for a batch stored before) after the commit.</summary>
    public async Task<IReadOnlyList<AuditEntryView>> RuleChangesAsync(string host, RuleChangeBatch batch, CancellationToken cancellationToken)
    {
        IReadOnlyList<AuditEntryView>? stored;
        await _gate.WaitAsync(cancellationToken);
        try
        {
            stored = await writer.AppendAsync(batch with { Host = host }, cancellationToken);
        }
        finally
        {
            _gate.Release();
        }

        if (stored is null)
        {
            logger.LogInformation("Host {Host}: batch {Journal}/{Batch} was stored before", host, batch.Journal, batch.Batch);
            return [];
        }

        await notifier.PublishAsync(host, stored);
        return stored;
    }

    /// <summary>The first snapshot becomes the host's baseline; a later one that the history cannot explain becomes a resync batch.</summary>
    public async Task SnapshotAsync(string host, HostSnapshot snapshot, CancellationToken cancellationToken)
    {
        IReadOnlyList<AuditEntryView>? stored = null;
        await _gate.WaitAsync(cancellationToken);
        try
        {
            stored = await CheckAsync(host, snapshot, cancellationToken);
        }
        finally
        {
            _gate.Release();
        }

        if (stored is not null)
        {
            await notifier.PublishAsync(host, stored);
        }
    }

    private async Task<IReadOnlyList<AuditEntryView>?> CheckAsync(string host, HostSnapshot snapshot, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var takenAt = AuditCodes.UnixMs(snapshot.TakenAt);
        var baseline = await AuditTimeline.LatestBaselineAsync(connection, host, cancellationToken);
        if (baseline is null)
        {
            var hostId = await HostIdAsync(connection, host, cancellationToken);
            await AuditTimeline.StoreBaselineAsync(connection, hostId, takenAt, snapshot.Rules, cancellationToken);
            logger.LogInformation("Host {Host}: first snapshot stored as the audit baseline ({Rules} rules)", host, snapshot.Rules.Count);
            return null;
        }

        var history = await AuditTimeline.RulesAtAsync(connection, host, long.MaxValue, cancellationToken);
        var observed = RuleLists.Ordered(snapshot.Rules);
        var differences = RuleLists.Diff(history.Snapshot(), observed);
        // Keep the history's order: the resync (and a checkpoint) come after everything they were computed from.
        var at = Math.Max(Math.Max(takenAt, baseline.Value.At), await AuditTimeline.LatestBatchAtAsync(connection, host, cancellationToken));
        IReadOnlyList<AuditEntryView>? stored = null;
        if (differences.Count > 0)
        {
            at++;
            var owners = observed.GroupBy(r => (r.Table, r.Chain, r.Index)).ToDictionary(g => g.Key, g => g.First().Owner);
            var when = AuditCodes.Time(at);
            var changes = differences.Select(d => new RuleChange(when, d.Table, d.Chain, d.Change, d.Text,
                d.Change == "added" && owners.TryGetValue((d.Table, d.Chain, d.Index), out var owner) ? owner : RuleOwner.Unknown,
                Resync, d.Index)).ToList();
            stored = await writer.AppendAsync(new RuleChangeBatch(host, Guid.NewGuid(), 0, when, changes), cancellationToken);
            logger.LogWarning("Host {Host}: the snapshot differs from the recorded history by {Count} rules; recorded as a resync", host, changes.Count);
        }

        if (baseline.Value.Batches + (stored is null ? 0 : 1) >= CheckpointEvery)
        {
            var hostId = await HostIdAsync(connection, host, cancellationToken);
            await AuditTimeline.StoreBaselineAsync(connection, hostId, at, observed, cancellationToken);
        }

        return stored;
    }

    private static async Task<int> HostIdAsync(Microsoft.Data.Sqlite.SqliteConnection connection, string host, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = "INSERT OR IGNORE INTO AuditHosts (Name) VALUES ($n); SELECT Id FROM AuditHosts WHERE Name = $n";
        command.Parameters.AddWithValue("$n", host);
        return Convert.ToInt32(await command.ExecuteScalarAsync(cancellationToken));
    }
}
