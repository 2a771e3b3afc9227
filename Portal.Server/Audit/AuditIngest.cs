using Portal.Contracts.Api;
using Portal.Contracts.Model;
using Portal.Core.Iptables;

namespace Portal.Server.Audit;

/// <summary>
/// The agents' way into the audit store. Batches and snapshots of all hosts go through one gate: SQLite has a single
/// writer anyway, and a snapshot's consistency check must not interleave with a batch of the same host.
/// </summary>
/// <remarks>
/// A snapshot names the last batch of the agent's journal its rules include (RulesJournal, RulesBatch), but the agent
/// sends it on (re)connect while its outbox sender delivers the pending batches on its own: the snapshot usually comes
/// first. Its check therefore waits until that batch is stored (the sender delivers in order, so everything before it
/// is too) and compares against the history up to that batch only. A snapshot then differs from the replayed history
/// only when changes were really lost (a new or wiped outbox), and the difference is recorded as an external "resync"
/// batch. A first snapshot becomes the baseline with that cut, so the batches it includes are not applied twice.
/// </remarks>
public sealed class AuditIngest(AuditDatabase database, AuditWriter writer, AuditNotifier notifier, BatchScreen screen, ILogger<AuditIngest> logger)
{
    /// <summary>A cause that says "the history did not explain this; the snapshot showed it".</summary>
    public static readonly ChangeCause Resync = new(CauseKind.External, Process: "resync");

    /// <summary>After this many batches a consistent snapshot becomes a new baseline, so replays stay short.</summary>
    public const int CheckpointEvery = 1000;

    private readonly SemaphoreSlim _gate = new(1, 1);

    /// <summary>Per host, the snapshot whose check waits for the batch it includes (guarded by the gate).</summary>
    private readonly Dictionary<string, HostSnapshot> _waiting = new(StringComparer.Ordinal);

    /// <summary>
    /// Stores the batch once, as far as the server believes it (<see cref="BatchScreen"/>); returns the new rows (empty
    /// for a batch stored before) after the commit.
    /// </summary>
    public async Task<IReadOnlyList<AuditEntryView>> RuleChangesAsync(string host, RuleChangeBatch batch, CancellationToken cancellationToken)
    {
        batch = await screen.ScreenAsync(host, batch, cancellationToken);
        IReadOnlyList<AuditEntryView>? stored;
        IReadOnlyList<AuditEntryView>? resync = null;
        await _gate.WaitAsync(cancellationToken);
        try
        {
            stored = await writer.AppendAsync(batch with { Host = host }, cancellationToken);
            if (_waiting.TryGetValue(host, out var snapshot) && snapshot.RulesJournal == batch.Journal && batch.Batch >= snapshot.RulesBatch)
            {
                _waiting.Remove(host);
                resync = await CheckAsync(host, snapshot, cancellationToken);
            }
        }
        finally
        {
            _gate.Release();
        }

        if (resync is not null)
        {
            await notifier.PublishAsync(host, resync);
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
            // A newer snapshot supersedes one still waiting: it includes at least as much.
            _waiting.Remove(host);
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
        var cut = snapshot.RulesJournal is { } journal ? new HistoryCut(journal, snapshot.RulesBatch ?? 0) : null;
        var baseline = await AuditTimeline.LatestBaselineAsync(connection, host, cancellationToken);
        if (baseline is null)
        {
            var hostId = await HostIdAsync(connection, host, cancellationToken);
            await AuditTimeline.StoreBaselineAsync(connection, hostId, takenAt, snapshot.Rules, cut, cancellationToken);
            logger.LogInformation("Host {Host}: first snapshot stored as the audit baseline ({Rules} rules, up to batch {Journal}/{Batch})",
                host, snapshot.Rules.Count, cut?.Journal, cut?.Batch);
            return null;
        }

        if (cut is { Batch: > 0 } && !await HasBatchAsync(connection, host, cut, cancellationToken))
        {
            // The rules include batches still on their way from the outbox: checking now would record them twice.
            _waiting[host] = snapshot;
            logger.LogInformation("Host {Host}: snapshot check waits for batch {Journal}/{Batch}", host, cut.Journal, cut.Batch);
            return null;
        }

        var history = await AuditTimeline.RulesAtAsync(connection, host, long.MaxValue, cancellationToken, cut);
        var observed = RuleLists.Ordered(snapshot.Rules);
        var differences = RuleLists.Diff(history.Snapshot(), observed);
        // Keep the history's order: the resync (and a checkpoint) come after everything they were computed from.
        var at = Math.Max(Math.Max(takenAt, baseline.Value.At), await AuditTimeline.LatestBatchAtAsync(connection, host, cancellationToken));
        IReadOnlyList<AuditEntryView>? stored = null;
        if (differences.Count > 0)
        {
            at++;
            var owners = observed.GroupBy(r => (RuleFamily.TableName(r.Table, r.Ipv6), r.Chain, r.Index)).ToDictionary(g => g.Key, g => g.First().Owner);
            var when = AuditCodes.Time(at);
            var changes = differences.Select(d => new RuleChange(when, RuleFamily.PlainTable(d.Table), d.Chain, d.Change, d.Text,
                d.Change == ChangeKind.Added && owners.TryGetValue((d.Table, d.Chain, d.Index), out var owner) ? owner : RuleOwner.Unknown,
                Resync, d.Index, RuleFamily.IsIpv6(d.Table))).ToList();
            stored = await writer.AppendAsync(new RuleChangeBatch(host, Guid.NewGuid(), 0, when, changes), cancellationToken);
            logger.LogWarning("Host {Host}: the snapshot differs from the recorded history by {Count} rules; recorded as a resync", host, changes.Count);
        }

        if (baseline.Value.Batches + (stored is null ? 0 : 1) >= CheckpointEvery)
        {
            var hostId = await HostIdAsync(connection, host, cancellationToken);
            await AuditTimeline.StoreBaselineAsync(connection, hostId, at, observed, cut, cancellationToken);
        }

        return stored;
    }

    private static async Task<bool> HasBatchAsync(System.Data.Common.DbConnection connection, string host, HistoryCut cut, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT 1 FROM AuditBatches k JOIN AuditHosts h ON h.Id = k.HostId WHERE h.Name = @host AND k.Journal = @journal AND k.Batch = @batch";
        command.Add("host", host);
        command.Add("journal", cut.Journal.ToByteArray());
        command.Add("batch", cut.Batch);
        return await command.ExecuteScalarAsync(cancellationToken) is not null;
    }

    private static async Task<int> HostIdAsync(System.Data.Common.DbConnection connection, string host, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = "INSERT INTO AuditHosts (Name) VALUES (@n) ON CONFLICT DO NOTHING";
        command.Add("n", host);
        await command.ExecuteNonQueryAsync(cancellationToken);
        command.CommandText = "SELECT Id FROM AuditHosts WHERE Name = @n";
        return Convert.ToInt32(await command.ExecuteScalarAsync(cancellationToken));
    }
}
