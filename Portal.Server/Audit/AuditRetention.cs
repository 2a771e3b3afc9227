using Microsoft.Extensions.Options;

namespace Portal.Server.Audit;

/// <summary>
/// Once a day, when <c>Portal:Audit:RetentionDays</c> is above 0: for each host, the rules at the cutoff become a new
/// baseline (so history can still be rebuilt from there), then the rows and baselines before it go. Batch keys stay:
/// they are small and keep a very late replay from being stored again.
/// </summary>
public sealed class AuditRetention(AuditDatabase database, IOptionsMonitor<AuditOptions> options, TimeProvider clock, ILogger<AuditRetention> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromDays(1), clock);
        do
        {
            if (options.CurrentValue.RetentionDays > 0)
            {
                try
                {
                    var cutoff = clock.GetUtcNow().AddDays(-options.CurrentValue.RetentionDays);
                    var pruned = await PruneAsync(AuditCodes.UnixMs(cutoff), stoppingToken);
                    logger.LogInformation("Audit retention: pruned {Rows} rows before {Cutoff:O}", pruned, cutoff);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    logger.LogWarning(e, "Audit retention failed; trying again tomorrow");
                }
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    /// <summary>Deletes rows at or before <paramref name="cutoff"/> (unix ms); returns how many.</summary>
    public async Task<int> PruneAsync(long cutoff, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var hosts = new List<(long Id, string Name)>();
        await using (var list = connection.CreateCommand())
        {
            list.CommandText = "SELECT Id, Name FROM AuditHosts";
            await using var reader = await list.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                hosts.Add((reader.GetInt64(0), reader.GetString(1)));
            }
        }

        var pruned = 0;
        foreach (var (id, name) in hosts)
        {
            // No transaction on purpose: the new baseline is written before anything is deleted, so a crash in
            // between leaves one baseline too many, never a history that cannot be rebuilt.
            // (Rows before a host's first baseline cannot be replayed anyway: they simply go.)
            await using (var known = connection.CreateCommand())
            {
                known.CommandText = "SELECT 1 FROM AuditBaselines WHERE HostId = @h AND At <= @cutoff LIMIT 1";
                known.Add("h", id);
                known.Add("cutoff", cutoff);
                if (await known.ExecuteScalarAsync(cancellationToken) is not null)
                {
                    var rules = await AuditTimeline.RulesAtAsync(connection, name, cutoff, cancellationToken);
                    await AuditTimeline.StoreBaselineAsync(connection, (int)id, cutoff, rules.Snapshot(), null, cancellationToken);
                }
            }

            await using var delete = connection.CreateCommand();
            delete.CommandText = """
                DELETE FROM AuditEntries WHERE HostId = @h AND At <= @cutoff;
                DELETE FROM AuditBaselines WHERE HostId = @h AND At < @cutoff;
                """;
            delete.Add("h", id);
            delete.Add("cutoff", cutoff);
            pruned += await delete.ExecuteNonQueryAsync(cancellationToken);
        }

        return pruned;
    }
}
