using System.Data.Common;
using Portal.Contracts.Api;
using Portal.Contracts.Model;
using Portal.Contracts.Wire;
using Portal.Core.Iptables;

namespace Portal.Server.Audit;

/// <summary>
/// Appends rule change batches: one transaction per batch, prepared commands, interned values. A batch whose
/// (host, journal, batch) is already stored is skipped, so an agent that replays its outbox after an outage (the
/// acknowledgement was lost) stores nothing twice. Callers serialize: SQLite has one writer anyway, and the
/// interning cache is not thread-safe. On PostgreSQL a batch's rows go in as one statement (<see cref="AuditRowsPostgres"/>).
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

    private List<AuditEntryView>? Append(DbConnection connection, RuleChangeBatch batch)
    {
        using var tx = AuditDatabase.BeginWrite(connection);
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

    private List<AuditEntryView>? Append(DbTransaction tx, RuleChangeBatch batch)
    {
        var hostId = _keys.Host(tx, batch.Host);
        // The batch key first: an ignored insert means the batch is already stored (a replay after a lost ack).
        long batchId;
        using (var key = tx.Command(
            "INSERT INTO AuditBatches (HostId, Journal, Batch, At, FirstEntryId, LastEntryId) VALUES (@h, @j, @b, @at, 0, -1) " +
            "ON CONFLICT DO NOTHING RETURNING Id"))
        {
            key.Add("h", hostId);
            key.Add("j", batch.Journal.ToByteArray());
            key.Add("b", batch.Batch);
            key.Add("at", AuditCodes.UnixMs(batch.At));
            if (AuditSql.Long(key.ExecuteScalar()) is not { } id)
            {
                return null;
            }

            batchId = id;
        }

        // Interning first (it may query and insert), then the rows in one go.
        var rows = new List<AuditRow>(batch.Changes.Count);
        foreach (var c in batch.Changes)
        {
            var ownerValue = c.Owner ?? RuleOwner.Unknown;
            var causeValue = c.Cause ?? ChangeCause.External;
            rows.Add(new AuditRow(
                AuditCodes.UnixMs(c.At),
                // IPv6 chains are stored under their ruleset name (ip6:filter): apart from the IPv4 chains of the same name.
                _keys.Chain(tx, RuleFamily.TableName(c.Table, c.Ipv6), c.Chain),
                AuditCodes.Change(c.Change),
                c.Index,
                _keys.Rule(tx, c.Text),
                _keys.Owner(tx, AuditCodes.Json(ownerValue)),
                _keys.Cause(tx, WireName.Of(causeValue.Kind), AuditCodes.Json(causeValue)),
                AuditCodes.Container(ownerValue, causeValue) is { } name ? _keys.Container(tx, name) : null));
        }

        var ids = database.IsPostgres ? AuditRowsPostgres.Insert(tx, database.BulkInsert, hostId, batchId, rows) : InsertSqlite(tx, hostId, batchId, rows);
        var stored = new List<AuditEntryView>(batch.Changes.Count);
        for (var i = 0; i < rows.Count; i++)
        {
            var c = batch.Changes[i];
            stored.Add(new AuditEntryView(ids[i], AuditCodes.Time(rows[i].At), batch.Host, c.Table, c.Chain,
                AuditCodes.Change(rows[i].Change), c.Text, c.Owner ?? RuleOwner.Unknown, c.Cause ?? ChangeCause.External, c.Ipv6));
        }

        if (stored.Count > 0)
        {
            using var range = tx.Command("UPDATE AuditBatches SET FirstEntryId = @first, LastEntryId = @last WHERE Id = @id");
            range.Add("first", stored[0].Id);
            range.Add("last", stored[^1].Id);
            range.Add("id", batchId);
            range.ExecuteNonQuery();
        }

        return stored;
    }

    /// <summary>SQLite runs in process: one prepared INSERT per row is as fast as it gets.</summary>
    private static long[] InsertSqlite(DbTransaction tx, int hostId, long batchId, List<AuditRow> rows)
    {
        using var insert = tx.Command(
            "INSERT INTO AuditEntries (HostId, At, ChainId, Change, Position, RuleId, OwnerId, CauseId, ContainerId, BatchId) " +
            "VALUES (@h, @at, @chain, @change, @pos, @rule, @owner, @cause, @container, @batch) RETURNING Id");
        insert.Add("h", hostId);
        var at = insert.Add("at", 0L);
        var chain = insert.Add("chain", 0);
        var change = insert.Add("change", 0);
        var position = insert.Add("pos", 0);
        var rule = insert.Add("rule", 0);
        var owner = insert.Add("owner", 0);
        var cause = insert.Add("cause", 0);
        var container = insert.Add("container", null, System.Data.DbType.Int32);
        insert.Add("batch", batchId);
        insert.Prepare();
        var ids = new long[rows.Count];
        for (var i = 0; i < rows.Count; i++)
        {
            var row = rows[i];
            at.Value = row.At;
            chain.Value = row.Chain;
            change.Value = row.Change;
            position.Value = row.Position;
            rule.Value = row.Rule;
            owner.Value = row.Owner;
            cause.Value = row.Cause;
            container.Value = row.Container is { } id ? id : DBNull.Value;
            ids[i] = (long)insert.ExecuteScalar()!;
        }

        return ids;
    }
}
