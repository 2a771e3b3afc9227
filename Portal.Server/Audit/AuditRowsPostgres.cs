using System.Data.Common;
using Npgsql;
using NpgsqlTypes;

namespace Portal.Server.Audit;

/// <summary>How a batch's rows reach PostgreSQL: one round trip either way (docs/benchmarks.md compares them).</summary>
public enum PostgresBulkInsert
{
    /// <summary>INSERT ... SELECT FROM unnest(arrays) RETURNING Id: one statement, the ids come back.</summary>
    Unnest,

    /// <summary>The ids drawn from the sequence first, then a binary COPY of the rows with those ids.</summary>
    Copy,
}

/// <summary>
/// A batch's rows into PostgreSQL in one statement instead of one round trip per row. The ids are returned in row
/// order: the identity's sequence hands them out ascending in the order the rows are inserted.
/// </summary>
internal static class AuditRowsPostgres
{
    public static long[] Insert(DbTransaction tx, PostgresBulkInsert method, int hostId, long batchId, List<AuditRow> rows)
    {
        if (rows.Count == 0)
        {
            return [];
        }

        return method == PostgresBulkInsert.Copy ? Copy((NpgsqlTransaction)tx, hostId, batchId, rows) : Unnest(tx, hostId, batchId, rows);
    }

    private static long[] Unnest(DbTransaction tx, int hostId, long batchId, List<AuditRow> rows)
    {
        using var insert = tx.Command("""
            INSERT INTO AuditEntries (HostId, At, ChainId, Change, Position, RuleId, OwnerId, CauseId, ContainerId, BatchId)
            SELECT @h, r.at, r.chain, r.change, r.pos, r.rule, r.owner, r.cause, r.container, @batch
            FROM unnest(@at, @chain, @change, @pos, @rule, @owner, @cause, @container) WITH ORDINALITY
                AS r(at, chain, change, pos, rule, owner, cause, container, n)
            ORDER BY r.n
            RETURNING Id
            """);
        insert.Add("h", hostId);
        insert.Add("batch", batchId);
        insert.Add("at", rows.Select(r => r.At).ToArray());
        insert.Add("chain", rows.Select(r => r.Chain).ToArray());
        insert.Add("change", rows.Select(r => r.Change).ToArray());
        insert.Add("pos", rows.Select(r => r.Position).ToArray());
        insert.Add("rule", rows.Select(r => r.Rule).ToArray());
        insert.Add("owner", rows.Select(r => r.Owner).ToArray());
        insert.Add("cause", rows.Select(r => r.Cause).ToArray());
        ((NpgsqlCommand)insert).Parameters.Add(new NpgsqlParameter("container", NpgsqlDbType.Array | NpgsqlDbType.Integer)
        {
            Value = rows.Select(r => r.Container).ToArray(),
        });
        var ids = new List<long>(rows.Count);
        using (var reader = insert.ExecuteReader())
        {
            while (reader.Read())
            {
                ids.Add(reader.GetInt64(0));
            }
        }

        ids.Sort();
        return [.. ids];
    }

    private static long[] Copy(NpgsqlTransaction tx, int hostId, long batchId, List<AuditRow> rows)
    {
        var ids = new long[rows.Count];
        using (var reserve = tx.Command("SELECT nextval(pg_get_serial_sequence('auditentries', 'id')) FROM generate_series(1, @n)"))
        {
            reserve.Add("n", rows.Count);
            using var reader = reserve.ExecuteReader();
            for (var i = 0; reader.Read(); i++)
            {
                ids[i] = reader.GetInt64(0);
            }
        }

        Array.Sort(ids);
        using var copy = tx.Connection!.BeginBinaryImport(
            "COPY auditentries (id, hostid, at, chainid, change, position, ruleid, ownerid, causeid, containerid, batchid) FROM STDIN (FORMAT BINARY)");
        for (var i = 0; i < rows.Count; i++)
        {
            var row = rows[i];
            copy.StartRow();
            copy.Write(ids[i], NpgsqlDbType.Bigint);
            copy.Write(hostId, NpgsqlDbType.Integer);
            copy.Write(row.At, NpgsqlDbType.Bigint);
            copy.Write(row.Chain, NpgsqlDbType.Integer);
            copy.Write(row.Change, NpgsqlDbType.Integer);
            copy.Write(row.Position, NpgsqlDbType.Integer);
            copy.Write(row.Rule, NpgsqlDbType.Integer);
            copy.Write(row.Owner, NpgsqlDbType.Integer);
            copy.Write(row.Cause, NpgsqlDbType.Integer);
            if (row.Container is { } container)
            {
                copy.Write(container, NpgsqlDbType.Integer);
            }
            else
            {
                copy.WriteNull();
            }

            copy.Write(batchId, NpgsqlDbType.Bigint);
        }

        copy.Complete();
        return ids;
    }
}
