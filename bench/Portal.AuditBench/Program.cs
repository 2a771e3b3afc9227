using System.Diagnostics;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Portal.AuditBench;
using Portal.Server.Audit;
using Portal.Server.Data;

// Fills a fresh SQLite file with realistic audit rows through the server's own store and migration, then measures
// bytes per row and the contract's queries through the server's own query code.
var rows = args.Length > 0 ? int.Parse(args[0], System.Globalization.CultureInfo.InvariantCulture) : 1_000_000;
var runs = args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 50;
var path = Path.Combine(Path.GetTempPath(), $"audit-bench-{Guid.NewGuid():N}.db");
var connectionString = $"Data Source={path}";
try
{
    await using (var db = new PortalDbContext(new DbContextOptionsBuilder<PortalDbContext>().UseSqlite(connectionString).Options))
    {
        await db.Database.OpenConnectionAsync();
        await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;");
        await db.Database.MigrateAsync();
    }

    var database = new AuditDatabase(connectionString);
    var writer = new AuditWriter(database);
    var workload = new AuditWorkload(rows);
    var fill = Stopwatch.StartNew();
    var stored = await writer.AppendAllAsync(workload.Batches(), CancellationToken.None);
    fill.Stop();

    await using (var connection = new SqliteConnection(connectionString))
    {
        await connection.OpenAsync();
        await using var checkpoint = connection.CreateCommand();
        checkpoint.CommandText = "PRAGMA wal_checkpoint(TRUNCATE);";
        await checkpoint.ExecuteNonQueryAsync();
    }

    var bytes = new FileInfo(path).Length;
    Console.WriteLine($"rows stored: {stored:N0} in {fill.Elapsed.TotalSeconds:F1} s ({stored / fill.Elapsed.TotalSeconds:N0} rows/s, one transaction per batch)");
    Console.WriteLine($"file after checkpoint: {bytes / 1024.0 / 1024.0:F1} MiB = {(double)bytes / stored:F1} bytes/row");

    var reader = new AuditReader(database);
    var end = AuditWorkload.Start + workload.Step * (stored / 3);
    var t1 = AuditWorkload.Start.AddTicks((end - AuditWorkload.Start).Ticks / 4).ToUnixTimeMilliseconds();
    var t2 = AuditWorkload.Start.AddTicks((end - AuditWorkload.Start).Ticks * 3 / 4).ToUnixTimeMilliseconds();
    var random = new Random(7);
    var queries = new (string Name, Func<AuditFilter> Filter)[]
    {
        ("container X between T1 and T2, newest 100", () => new AuditFilter(Container: $"app{random.Next(300):D3}", Since: t1, Until: t2)),
        ("host, newest 100", () => new AuditFilter(Host: $"host{random.Next(10):D2}")),
        ("host + container + time range", () => new AuditFilter(Host: $"host{random.Next(10):D2}", Container: $"app{random.Next(300):D3}", Since: t1, Until: t2)),
        ("cause external, newest 100", () => new AuditFilter(Cause: "external")),
        ("cause portal in time range", () => new AuditFilter(Cause: "portal", Since: t1, Until: t2)),
        ("table nat chain POSTROUTING, newest 100", () => new AuditFilter(Table: "nat", Chain: "POSTROUTING")),
        ("everything, newest 100", () => new AuditFilter()),
        ("page 50 of container X (before=id)", () => new AuditFilter(Container: $"app{random.Next(300):D3}", Before: stored / 2)),
    };

    Console.WriteLine($"queries ({runs} runs each, fresh connection per run, as the API does):");
    foreach (var (name, filter) in queries)
    {
        await reader.QueryAsync(filter(), CancellationToken.None);
        var times = new List<double>();
        var count = 0;
        for (var i = 0; i < runs; i++)
        {
            var watch = Stopwatch.StartNew();
            count += (await reader.QueryAsync(filter(), CancellationToken.None)).Count;
            times.Add(watch.Elapsed.TotalMilliseconds);
        }

        times.Sort();
        Console.WriteLine($"  {name,-45} median {times[times.Count / 2],7:F2} ms  p95 {times[(int)(times.Count * 0.95)],7:F2} ms  (avg {count / runs} rows)");
        Console.WriteLine($"    plan: {(await reader.ExplainAsync(filter(), CancellationToken.None)).ReplaceLineEndings(" | ").Trim()}");
    }
}
finally
{
    SqliteConnection.ClearAllPools();
    foreach (var suffix in new[] { "", "-wal", "-shm" })
    {
        File.Delete(path + suffix);
    }
}
