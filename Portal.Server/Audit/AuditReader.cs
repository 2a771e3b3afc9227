using System.Runtime.CompilerServices;
using System.Text;
using System.Data.Common;
using Portal.Contracts.Api;
using Portal.Core.Iptables;

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

        command.Add("limit", Math.Clamp(filter.Limit, 1, AuditFilter.MaxLimit));
        command.CommandText = $"""
            WITH page AS (
                SELECT Id, At, HostId, ChainId, Change, RuleId, OwnerId, CauseId FROM AuditEntries e
                WHERE 1 = 1{where}
                ORDER BY At DESC, Id DESC LIMIT @limit)
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
            var table = reader.GetString(3);
            yield return new AuditEntryView(
                reader.GetInt64(0),
                AuditCodes.Time(reader.GetInt64(1)),
                reader.GetString(2),
                RuleFamily.PlainTable(table),
                reader.GetString(4),
                AuditCodes.Change(reader.GetInt64(5)),
                reader.GetString(6),
                AuditCodes.Owner(reader.GetString(7)),
                AuditCodes.Cause(reader.GetString(8)),
                RuleFamily.IsIpv6(table));
        }
    }

    /// <summary>The query plan, for the benchmark's record.</summary>
    public async Task<string> ExplainAsync(AuditFilter filter, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        var where = new StringBuilder();
        await ConstrainAsync(command, where, filter, cancellationToken);
        command.Add("limit", filter.Limit);
        var select = $"SELECT Id FROM AuditEntries e WHERE 1 = 1{where} ORDER BY At DESC, Id DESC LIMIT @limit";
        // SQLite's plan is the fourth column of EXPLAIN QUERY PLAN; PostgreSQL's EXPLAIN is one text column.
        command.CommandText = database.IsPostgres ? "EXPLAIN " + select : "EXPLAIN QUERY PLAN " + select;
        var plan = new StringBuilder();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            plan.AppendLine(reader.GetString(database.IsPostgres ? 0 : 3));
        }

        return plan.ToString();
    }

    /// <summary>
    /// Adds the WHERE terms. Host and container are resolved to ids first (a name never seen has no rows), so the
    /// planner sees a constant and picks that filter's index.
    /// </summary>
    private static async Task<bool> ConstrainAsync(DbCommand command, StringBuilder where, AuditFilter filter, CancellationToken cancellationToken)
    {
        if (filter.Host is { } host)
        {
            if (await IdAsync(command.Connection!, "SELECT Id FROM AuditHosts WHERE Name = @n", host, cancellationToken) is not { } hostId)
            {
                return false;
            }

            where.Append(" AND e.HostId = @host");
            command.Add("host", hostId);
        }

        if (filter.Container is { } container)
        {
            if (await IdAsync(command.Connection!, "SELECT Id FROM AuditContainers WHERE Name = @n", container, cancellationToken) is not { } containerId)
            {
                return false;
            }

            where.Append(" AND e.ContainerId = @container");
            command.Add("container", containerId);
        }

        if (filter.Table is not null || filter.Chain is not null)
        {
            where.Append(" AND e.ChainId IN (SELECT Id FROM AuditChains WHERE 1 = 1");
            if (filter.Table is { } table)
            {
                where.Append(" AND TableName = @table");
                command.Add("table", table);
            }

            if (filter.Chain is { } chain)
            {
                where.Append(" AND ChainName = @chain");
                command.Add("chain", chain);
            }

            where.Append(')');
        }

        if (filter.Cause is { } cause)
        {
            where.Append(" AND e.CauseId IN (SELECT Id FROM AuditCauses WHERE Kind = @kind)");
            command.Add("kind", cause);
        }

        if (filter.Since is { } since)
        {
            where.Append(" AND e.At >= @since");
            command.Add("since", since);
        }

        if (filter.Until is { } until)
        {
            where.Append(" AND e.At <= @until");
            command.Add("until", until);
        }

        if (filter.Before is { } before)
        {
            // Keyset paging on (At, Id): the rows after the given one in newest-first order.
            where.Append(" AND (e.At < (SELECT At FROM AuditEntries WHERE Id = @before)" +
                " OR (e.At = (SELECT At FROM AuditEntries WHERE Id = @before) AND e.Id < @before))");
            command.Add("before", before);
        }

        return true;
    }

    private static async Task<long?> IdAsync(DbConnection connection, string sql, string name, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Add("n", name);
        return AuditSql.Long(await command.ExecuteScalarAsync(cancellationToken));
    }

    /// <summary>Whether any audit row was ever stored for the host (it may have been deleted since).</summary>
    public async Task<bool> KnowsHostAsync(string host, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await IdAsync(connection, "SELECT Id FROM AuditHosts WHERE Name = @n", host, cancellationToken) is not null;
    }
}
