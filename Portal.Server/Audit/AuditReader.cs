using System.Runtime.CompilerServices;
using System.Text;
using Microsoft.Data.Sqlite;
using Portal.Contracts.Api;

namespace Portal.Server.Audit;

/// <summary>
/// Pages of audit rows, newest first (by time, then id). The page is chosen on the entries table alone, where each
/// filter has an index ending in the time, and only the page's rows are joined to their interned values.
/// </summary>
public sealed class AuditReader(AuditDatabase database)
{
    public async Task<List<AuditEntryView>> QueryAsync(AuditFilter filter, CancellationToken cancellationToken)
    {
        var rows = new List<AuditEntryView>();
        await foreach (var row in StreamAsync(filter, cancellationToken))
        {
            rows.Add(row);
        }

        return rows;
    }

    public async IAsyncEnumerable<AuditEntryView> StreamAsync(AuditFilter filter, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        var where = new StringBuilder();
        if (!await ConstrainAsync(command, where, filter, cancellationToken))
        {
            yield break;
        }

        command.Parameters.AddWithValue("$limit", Math.Clamp(filter.Limit, 1, AuditFilter.MaxLimit));
        command.CommandText = $"""
            WITH page AS (
                SELECT Id, At, HostId, ChainId, Change, RuleId, OwnerId, CauseId FROM AuditEntries e
                WHERE 1 = 1{where}
                ORDER BY At DESC, Id DESC LIMIT $limit)
            SELECT p.Id, p.At, h.Name, c.TableName, c.ChainName, p.Change, r.Text, o.Json, ca.Json
            FROM page p
            JOIN AuditHosts h ON h.Id = p.HostId
            JOIN AuditChains c ON c.Id = p.ChainId
            JOIN AuditRuleTexts r ON r.Id = p.RuleId
            JOIN AuditOwners o ON o.Id = p.OwnerId
            JOIN AuditCauses ca ON ca.Id = p.CauseId
            ORDER BY p.At DESC, p.Id DESC
            """;
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            yield return new AuditEntryView(
                reader.GetInt64(0),
                AuditCodes.Time(reader.GetInt64(1)),
                reader.GetString(2),
                reader.GetString(3),
                reader.GetString(4),
                AuditCodes.Change(reader.GetInt64(5)),
                reader.GetString(6),
                AuditCodes.Owner(reader.GetString(7)),
                AuditCodes.Cause(reader.GetString(8)));
        }
    }

    /// <summary>The query plan, for the benchmark's record.</summary>
    public async Task<string> ExplainAsync(AuditFilter filter, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        var where = new StringBuilder();
        await ConstrainAsync(command, where, filter, cancellationToken);
        command.Parameters.AddWithValue("$limit", filter.Limit);
        command.CommandText = $"EXPLAIN QUERY PLAN SELECT Id FROM AuditEntries e WHERE 1 = 1{where} ORDER BY At DESC, Id DESC LIMIT $limit";
        var plan = new StringBuilder();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            plan.AppendLine(reader.GetString(3));
        }

        return plan.ToString();
    }

    /// <summary>
    /// Adds the WHERE terms. Host and container are resolved to ids first (a name never seen has no rows), so the
    /// planner sees a constant and picks that filter's index.
    /// </summary>
    private static async Task<bool> ConstrainAsync(SqliteCommand command, StringBuilder where, AuditFilter filter, CancellationToken cancellationToken)
    {
        if (filter.Host is { } host)
        {
            if (await IdAsync(command.Connection!, "SELECT Id FROM AuditHosts WHERE Name = $n", host, cancellationToken) is not { } hostId)
            {
                return false;
            }

            where.Append(" AND e.HostId = $host");
            command.Parameters.AddWithValue("$host", hostId);
        }

        if (filter.Container is { } container)
        {
            if (await IdAsync(command.Connection!, "SELECT Id FROM AuditContainers WHERE Name = $n", container, cancellationToken) is not { } containerId)
            {
                return false;
            }

            where.Append(" AND e.ContainerId = $container");
            command.Parameters.AddWithValue("$container", containerId);
        }

        if (filter.Table is not null || filter.Chain is not null)
        {
            where.Append(" AND e.ChainId IN (SELECT Id FROM AuditChains WHERE 1 = 1");
            if (filter.Table is { } table)
            {
                where.Append(" AND TableName = $table");
                command.Parameters.AddWithValue("$table", table);
            }

            if (filter.Chain is { } chain)
            {
                where.Append(" AND ChainName = $chain");
                command.Parameters.AddWithValue("$chain", chain);
            }

            where.Append(')');
        }

        if (filter.Cause is { } cause)
        {
            where.Append(" AND e.CauseId IN (SELECT Id FROM AuditCauses WHERE Kind = $kind)");
            command.Parameters.AddWithValue("$kind", cause);
        }

        if (filter.Since is { } since)
        {
            where.Append(" AND e.At >= $since");
            command.Parameters.AddWithValue("$since", since);
        }

        if (filter.Until is { } until)
        {
            where.Append(" AND e.At <= $until");
            command.Parameters.AddWithValue("$until", until);
        }

        if (filter.Before is { } before)
        {
            // Keyset paging on (At, Id): the rows after the given one in newest-first order.
            where.Append(" AND (e.At < (SELECT At FROM AuditEntries WHERE Id = $before)" +
                " OR (e.At = (SELECT At FROM AuditEntries WHERE Id = $before) AND e.Id < $before))");
            command.Parameters.AddWithValue("$before", before);
        }

        return true;
    }

    private static async Task<long?> IdAsync(SqliteConnection connection, string sql, string name, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Parameters.AddWithValue("$n", name);
        return await command.ExecuteScalarAsync(cancellationToken) is long id ? id : null;
    }

    /// <summary>Whether any audit row was ever stored for the host (it may have been deleted since).</summary>
    public async Task<bool> KnowsHostAsync(string host, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await IdAsync(connection, "SELECT Id FROM AuditHosts WHERE Name = $n", host, cancellationToken) is not null;
    }
}
