using System.Diagnostics;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Portal.AuditBench;
using Portal.Server.Audit;
using Portal.Server.Data;
using Portal.Server.Data.Postgres;

// Fills a fresh database with realistic audit rows through the server's own store and migration, then measures bytes
// per row and the contract's queries through the server's own query code.
//   Portal.AuditBench [rows] [runs] [sqlite|postgres] [unnest|copy] [btree|brin]
// PostgreSQL: a fresh database in the cluster of PORTAL_BENCH_POSTGRES (default: scripts/postgres.sh's), dropped after.
var rows = args.Length > 0 ? int.Parse(args[0], System.Globalization.CultureInfo.InvariantCulture) : 1_000_000;
var runs = args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 50;
var postgres = args.Length > 2 && args[2] == "postgres";
var bulk = args.Length > 3 && args[3] == "copy" ? PostgresBulkInsert.Copy : PostgresBulkInsert.Unnest;
var brin = args.Length > 4 && args[4] == "brin";
var path = Path.Combine(Path.GetTempPath(), $"audit-bench-{Guid.NewGuid():N}.db");
var cluster = Environment.GetEnvironmentVariable("PORTAL_BENCH_POSTGRES") is { Length: > 0 } configured
    ? configured
    : "Host=127.0.0.1;Port=55432;Username=portal;Password=portal";
var databaseName = $"audit_bench_{Guid.NewGuid():N}";
var connectionString = postgres
    ? new NpgsqlConnectionStringBuilder(cluster) { Database = databaseName }.ConnectionString
    : $"Data Source={path}";
try
{
    if (postgres)
    {
        await using var db = new PostgresPortalDbContext((DbContextOptions<PostgresPortalDbContext>)PostgresPortalDbContext
            .Configure(new DbContextOptionsBuilder<PostgresPortalDbContext>(), connectionString).Options);
        await db.Database.MigrateAsync();
    }
    else
    {
        await using var db = new PortalDbContext(new DbContextOptionsBuilder<PortalDbContext>().UseSqlite(connectionString).Options);
        await db.Database.OpenConnectionAsync();
        await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;");
        await db.Database.MigrateAsync();
    }

    var database = new AuditDatabase(postgres ? DatabaseProvider.Postgres : DatabaseProvider.Sqlite, connectionString) { BulkInsert = bulk };
    var writer = new AuditWriter(database);
    var workload = new AuditWorkload(rows);
    var fill = Stopwatch.StartNew();
    var stored = await writer.AppendAllAsync(workload.Batches(), CancellationToken.None);
    fill.Stop();

    long bytes;
    await using (var connection = await database.OpenAsync(CancellationToken.None))
    {
        await using var command = connection.CreateCommand();
        if (postgres)
        {
            if (brin)
            {
                // The time-only index as BRIN instead of a B-tree (the other indexes end in the time as before).
                command.CommandText = "DROP INDEX \"IX_AuditEntries_At\"; CREATE INDEX ix_auditentries_at_brin ON auditentries USING brin (at);";
                await command.ExecuteNonQueryAsync();
            }

            command.CommandText = "VACUUM ANALYZE";
            await command.ExecuteNonQueryAsync();
            command.CommandText = "SELECT sum(pg_total_relation_size(c.oid)) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace " +
                "WHERE n.nspname = 'public' AND c.relkind = 'r' AND c.relname LIKE 'audit%'";
            bytes = Convert.ToInt64(await command.ExecuteScalarAsync());
        }
        else
        {
            command.CommandText = "PRAGMA wal_checkpoint(TRUNCATE);";
            await command.ExecuteNonQueryAsync();
            bytes = new FileInfo(path).Length;
        }
    }

    Console.WriteLine($"provider: {(postgres ? $"postgres ({bulk}, {(brin ? "BRIN" : "B-tree")} on time)" : "sqlite")}");
    Console.WriteLine($"rows stored: {stored:N0} in {fill.Elapsed.TotalSeconds:F1} s ({stored / fill.Elapsed.TotalSeconds:N0} rows/s, one transaction per batch)");
    Console.WriteLine(postgres
        ? $"audit tables with indexes and TOAST: {bytes / 1024.0 / 1024.0:F1} MiB = {(double)bytes / stored:F1} bytes/row"
        : $"file after checkpoint: {bytes / 1024.0 / 1024.0:F1} MiB = {(double)bytes / stored:F1} bytes/row");

    var reader = new AuditReader(database);
    var end = AuditWorkload.Start + workload.Step * (stored / 3);
    var t1 = AuditWorkload.Start.AddTicks((end - AuditWorkload.Start).Ticks / 4).ToUnixTimeMilliseconds();
    var t2 = AuditWorkload.Start.AddTicks((end - AuditWorkload.Start).Ticks * 3 / 4).ToUnixTimeMilliseconds();
    var n1 = AuditWorkload.Start.AddTicks((end - AuditWorkload.Start).Ticks / 2).ToUnixTimeMilliseconds();
    var n2 = n1 + 3_600_000;
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
        ("everything in one hour, newest 1000", () => new AuditFilter(Since: n1, Until: n2, Limit: 1000)),
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

    if (postgres)
    {
        NpgsqlConnection.ClearAllPools();
        await using var admin = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(cluster) { Database = "postgres" }.ConnectionString);
        await admin.OpenAsync();
        await using var drop = admin.CreateCommand();
        drop.CommandText = $"DROP DATABASE IF EXISTS {databaseName} WITH (FORCE)";
        await drop.ExecuteNonQueryAsync();
    }
}
