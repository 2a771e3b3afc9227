using Microsoft.EntityFrameworkCore;

namespace Portal.Server.Data;

/// <summary>
/// Creates and migrates the database before anything else starts: SQLite's file (and turns on WAL), or PostgreSQL's
/// schema (several replicas may start at once: EF takes PostgreSQL's migration lock).
/// </summary>
internal sealed class DatabaseMigrator(IServiceScopeFactory scopes, ILogger<DatabaseMigrator> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        if (!db.Database.IsSqlite())
        {
            await db.Database.MigrateAsync(cancellationToken);
            logger.LogInformation("Database ready: PostgreSQL {Database} on {Host}", db.Database.GetDbConnection().Database, db.Database.GetDbConnection().DataSource);
            return;
        }

        // WAL lets readers (API) run while the state writer commits; the mode persists in the file.
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
            await db.Database.MigrateAsync(cancellationToken);
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }

        logger.LogInformation("Database ready at {DataSource}", db.Database.GetDbConnection().DataSource);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
