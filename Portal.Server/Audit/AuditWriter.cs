using Microsoft.Data.Sqlite;
using Portal.Contracts.Api;
using Portal.Contracts.Model;
using Portal.Contracts.Wire;

namespace Portal.Server.Audit;

/// <summary>
/// Appends rule change batches: one transaction per batch, prepared commands, interned values. A batch whose
/// (host, journal, batch) is already stored is skipped, so an agent that replays its outbox after an outage (the
/// acknowledgement was lost) stores nothing twice. Callers serialize: SQLite has one writer anyway, and the
/// interning cache is not thread-safe.
/// </summary>
public sealed class AuditWriter(AuditDatabase database)
{
    private readonly AuditKeys _keys = new();

    /// <summary>The stored rows, or null when this batch was stored before.</summary>
    public async Task<IReadOnlyList<AuditEntryView>?> AppendAsync(RuleChangeBatch batch, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return Append(connection, batch);
    }

    /// <summary>Many batches on one connection, each in its own transaction (the benchmark's fill; an outbox drain).</summary>
    public async Task<int> AppendAllAsync(IEnumerable<RuleChangeBatch> batches, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var stored = 0;
        foreach (var batch in batches)
        {
            cancellationToken.ThrowIfCancellationRequested();
            stored += Append(connection, batch)?.Count ?? 0;
        }

        return stored;
    }

    private List<AuditEntryView>? Append(SqliteConnection connection, RuleChangeBatch batch)
    {
        // Microsoft.Data.Sqlite is synchronous underneath; BEGIN IMMEDIATE takes the write lock up front.
        using var tx = connection.BeginTransaction(deferred: false);
        try
        {
            var stored = Append(tx, batch);
            tx.Commit();
            return stored;
        }
        catch
        {
            _keys.Clear();
            throw;
        }
    }

    private List<AuditEntryView>? Append(SqliteTransaction tx, RuleChangeBatch batch)
    {
        var hostId = _keys.Host(tx, batch.Host);
        // The batch key first: an ignored insert means the batch is already stored (a replay after a lost ack).
        long batchId;
        using (var key = Command(tx,
            "INSERT OR IGNORE INTO AuditBatches (HostId, Journal, Batch, At, FirstEntryId, LastEntryId) VALUES ($h, $j, $b, $at, 0, -1) RETURNING Id"))
        {
            key.Parameters.AddWithValue("$h", hostId);
            key.Parameters.AddWithValue("$j", batch.Journal.ToByteArray());
            key.Parameters.AddWithValue("$b", batch.Batch);
            key.Parameters.AddWithValue("$at", AuditCodes.UnixMs(batch.At));
            if (key.ExecuteScalar() is not long id)
            {
                return null;
            }

            batchId = id;
        }

        using var insert = Command(tx,
            "INSERT INTO AuditEntries (HostId, At, ChainId, Change, Position, RuleId, OwnerId, CauseId, ContainerId, BatchId) " +
            "VALUES ($h, $at, $chain, $change, $pos, $rule, $owner, $cause, $container, $batch) RETURNING Id");
        var h = insert.Parameters.Add("$h", SqliteType.Integer);
        var at = insert.Parameters.Add("$at", SqliteType.Integer);
        var chain = insert.Parameters.Add("$chain", SqliteType.Integer);
        var change = insert.Parameters.Add("$change", SqliteType.Integer);
        var position = insert.Parameters.Add("$pos", SqliteType.Integer);
        var rule = insert.Parameters.Add("$rule", SqliteType.Integer);
        var owner = insert.Parameters.Add("$owner", SqliteType.Integer);
        var cause = insert.Parameters.Add("$cause", SqliteType.Integer);
        var container = insert.Parameters.Add("$container", SqliteType.Integer);
        insert.Parameters.AddWithValue("$batch", batchId);
        insert.Prepare();
        h.Value = hostId;

        var stored = new List<AuditEntryView>(batch.Changes.Count);
        foreach (var c in batch.Changes)
        {
            var ownerValue = c.Owner ?? RuleOwner.Unknown;
            var causeValue = c.Cause ?? ChangeCause.External;
            at.Value = AuditCodes.UnixMs(c.At);
            chain.Value = _keys.Chain(tx, c.Table, c.Chain);
            change.Value = AuditCodes.Change(c.Change);
            position.Value = c.Index;
            rule.Value = _keys.Rule(tx, c.Text);
            owner.Value = _keys.Owner(tx, AuditCodes.Json(ownerValue));
            cause.Value = _keys.Cause(tx, WireName.Of(causeValue.Kind), AuditCodes.Json(causeValue));
            container.Value = AuditCodes.Container(ownerValue, causeValue) is { } name ? _keys.Container(tx, name) : DBNull.Value;
            var id = (long)insert.ExecuteScalar()!;
            stored.Add(new AuditEntryView(id, AuditCodes.Time(AuditCodes.UnixMs(c.At)), batch.Host, c.Table, c.Chain,
                AuditCodes.Change(AuditCodes.Change(c.Change)), c.Text, ownerValue, causeValue));
        }

        if (stored.Count > 0)
        {
            using var range = Command(tx, "UPDATE AuditBatches SET FirstEntryId = $first, LastEntryId = $last WHERE Id = $id");
            range.Parameters.AddWithValue("$first", stored[0].Id);
            range.Parameters.AddWithValue("$last", stored[^1].Id);
            range.Parameters.AddWithValue("$id", batchId);
            range.ExecuteNonQuery();
        }

        return stored;
    }

    private static SqliteCommand Command(SqliteTransaction tx, string sql)
    {
        var command = tx.Connection!.CreateCommand();
        command.Transaction = tx;
        command.CommandText = sql;
        return command;
    }
}
