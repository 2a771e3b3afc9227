using System.Data.Common;
using System.IO.Compression;
using System.Text.Json;
using Portal.Contracts.Model;
using Portal.Core.Audit;
using Portal.Core.Iptables;

namespace Portal.Server.Audit;

/// <summary>
/// The rules of a host at any moment: the newest baseline not after it, plus every stored batch after the baseline
/// up to the moment, replayed in time order with <see cref="RuleHistory"/>. Before a host's first baseline nothing is
/// known and the rules are empty. A baseline from a snapshot knows which batch of the agent's journal its rules include
/// (<see cref="HistoryCut"/>): that journal's batches are chosen by number, not by time, because a batch observed just
/// before the snapshot was taken may carry an earlier time and still not be part of it (or be part of it and arrive later).
/// </summary>
public sealed class AuditTimeline(AuditDatabase database)
{
    public async Task<RuleHistory> RulesAtAsync(string host, long at, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await RulesAtAsync(connection, host, at, cancellationToken);
    }

    /// <summary>The newest baseline's time, and how many batches were stored after it (null: no baseline yet).</summary>
    public static async Task<(long At, long Batches)?> LatestBaselineAsync(DbConnection connection, string host, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT b.At, (SELECT COUNT(*) FROM AuditBatches k WHERE k.HostId = b.HostId AND k.At > b.At)
            FROM AuditBaselines b JOIN AuditHosts h ON h.Id = b.HostId
            WHERE h.Name = @host ORDER BY b.At DESC LIMIT 1
            """;
        command.Add("host", host);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? (reader.GetInt64(0), reader.GetInt64(1)) : null;
    }

    /// <summary>The time of the newest batch of the host (0 when none).</summary>
    public static async Task<long> LatestBatchAtAsync(DbConnection connection, string host, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT MAX(k.At) FROM AuditBatches k JOIN AuditHosts h ON h.Id = k.HostId WHERE h.Name = @host";
        command.Add("host", host);
        return AuditSql.Long(await command.ExecuteScalarAsync(cancellationToken)) ?? 0;
    }

    /// <summary>
    /// The rules at <paramref name="at"/>; with <paramref name="upTo"/>, leaving out that journal's batches after it (the
    /// history a snapshot with that cut must equal).
    /// </summary>
    public static async Task<RuleHistory> RulesAtAsync(DbConnection connection, string host, long at, CancellationToken cancellationToken, HistoryCut? upTo = null)
    {
        long hostId;
        long baselineAt;
        RuleHistory history;
        HistoryCut? cut;
        await using (var baseline = connection.CreateCommand())
        {
            baseline.CommandText = """
                SELECT h.Id, b.At, b.Rules FROM AuditBaselines b JOIN AuditHosts h ON h.Id = b.HostId
                WHERE h.Name = @host AND b.At <= @at ORDER BY b.At DESC, b.Id DESC LIMIT 1
                """;
            baseline.Add("host", host);
            baseline.Add("at", at);
            await using var reader = await baseline.ExecuteReaderAsync(cancellationToken);
            if (!await reader.ReadAsync(cancellationToken))
            {
                return new RuleHistory([]);
            }

            hostId = reader.GetInt64(0);
            baselineAt = reader.GetInt64(1);
            (var rules, cut) = Unpack((byte[])reader.GetValue(2));
            history = new RuleHistory(rules);
        }

        await using var changes = connection.CreateCommand();
        changes.CommandText = """
            SELECT k.Id, e.Change, e.Position, c.TableName, c.ChainName, r.Text
            FROM AuditBatches k
            JOIN AuditEntries e ON e.Id BETWEEN k.FirstEntryId AND k.LastEntryId AND e.BatchId = k.Id
            JOIN AuditChains c ON c.Id = e.ChainId
            JOIN AuditRuleTexts r ON r.Id = e.RuleId
            WHERE k.HostId = @host AND k.At <= @to
              AND CASE WHEN k.Journal = @cutJournal THEN k.Batch > @cutBatch ELSE k.At > @from END
              AND (@upToJournal IS NULL OR NOT (k.Journal = @upToJournal AND k.Batch > @upToBatch))
            ORDER BY k.At, k.Id, e.Id
            """;
        changes.Add("host", hostId);
        changes.Add("from", baselineAt);
        changes.Add("to", at);
        changes.Add("cutJournal", cut?.Journal.ToByteArray(), System.Data.DbType.Binary);
        changes.Add("cutBatch", cut?.Batch ?? 0);
        changes.Add("upToJournal", upTo?.Journal.ToByteArray(), System.Data.DbType.Binary);
        changes.Add("upToBatch", upTo?.Batch ?? 0);
        await using var rows = await changes.ExecuteReaderAsync(cancellationToken);
        var batch = new List<RuleChange>();
        var current = -1L;
        while (await rows.ReadAsync(cancellationToken))
        {
            var id = rows.GetInt64(0);
            if (id != current && batch.Count > 0)
            {
                history.Apply(batch);
                batch = [];
            }

            current = id;
            var table = rows.GetString(3);
            batch.Add(new RuleChange(default, RuleFamily.PlainTable(table), rows.GetString(4), AuditCodes.Change(rows.GetInt64(1)),
                rows.GetString(5), RuleOwner.Unknown, ChangeCause.External, rows.GetInt32(2), RuleFamily.IsIpv6(table)));
        }

        if (batch.Count > 0)
        {
            history.Apply(batch);
        }

        return history;
    }

    public static async Task StoreBaselineAsync(DbConnection connection, int hostId, long at, IEnumerable<Rule> rules, HistoryCut? cut, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = "INSERT INTO AuditBaselines (HostId, At, Rules) VALUES (@host, @at, @rules)";
        command.Add("host", hostId);
        command.Add("at", at);
        command.Add("rules", Pack(RuleLists.Ordered(rules), cut));
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static byte[] Pack(IEnumerable<Rule> rules, HistoryCut? cut)
    {
        using var buffer = new MemoryStream();
        using (var zip = new GZipStream(buffer, CompressionLevel.Fastest))
        {
            JsonSerializer.Serialize(zip, new BaselinePack(cut?.Journal, cut?.Batch, rules.Select(r => new BaselineRule(RuleFamily.TableName(r.Table, r.Ipv6), r.Chain, r.Text)).ToList()));
        }

        return buffer.ToArray();
    }

    private static (IEnumerable<Rule> Rules, HistoryCut? Cut) Unpack(byte[] packed)
    {
        using var zip = new GZipStream(new MemoryStream(packed), CompressionMode.Decompress);
        using var json = JsonDocument.Parse(zip);
        // A bare list is a baseline stored before baselines carried their cut.
        var pack = json.RootElement.ValueKind == JsonValueKind.Array
            ? new BaselinePack(null, null, json.RootElement.Deserialize<List<BaselineRule>>() ?? [])
            : json.RootElement.Deserialize<BaselinePack>() ?? new BaselinePack(null, null, []);
        var cut = pack.J is { } journal ? new HistoryCut(journal, pack.B ?? 0) : null;
        return (pack.R.Select(r => new Rule(RuleFamily.PlainTable(r.T), r.C, 0, r.X, RuleOwner.Unknown, RuleFamily.IsIpv6(r.T))), cut);
    }
}
