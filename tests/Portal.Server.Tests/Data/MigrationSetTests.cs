using Microsoft.EntityFrameworkCore;
using Portal.Server.Data;
using Portal.Server.Data.Postgres;

namespace Portal.Server.Tests.Data;

/// <summary>
/// Each engine's migration set matches the model: a model change with a migration for one engine only fails here
/// (docs/database.md says how to add both). No connection is opened.
/// </summary>
public sealed class MigrationSetTests
{
    [Fact]
    public void Sqlite_Migrations_MatchTheModel()
    {
        using var db = new PortalDbContext(new DbContextOptionsBuilder<PortalDbContext>().UseSqlite("Data Source=:memory:").Options);
        Assert.False(db.Database.HasPendingModelChanges());
        Assert.Contains(db.Database.GetMigrations(), m => m.EndsWith("_Initial", StringComparison.Ordinal));
    }

    [Fact]
    public void Postgres_Migrations_MatchTheModel_AndAreItsOwn()
    {
        using var db = new PostgresPortalDbContext((DbContextOptions<PostgresPortalDbContext>)PostgresPortalDbContext
            .Configure(new DbContextOptionsBuilder<PostgresPortalDbContext>(), "Host=localhost;Database=unused").Options);
        Assert.False(db.Database.HasPendingModelChanges());
        using var sqlite = new PortalDbContext(new DbContextOptionsBuilder<PortalDbContext>().UseSqlite("Data Source=:memory:").Options);
        Assert.Empty(db.Database.GetMigrations().Intersect(sqlite.Database.GetMigrations()));
    }
}
