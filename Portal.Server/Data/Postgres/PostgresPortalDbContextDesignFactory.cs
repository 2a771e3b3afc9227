using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Portal.Server.Data.Postgres;

/// <summary>
/// Lets dotnet-ef build the PostgreSQL model without starting the web host (<c>--context PostgresPortalDbContext</c>).
/// No connection is opened to add a migration.
/// </summary>
internal sealed class PostgresPortalDbContextDesignFactory : IDesignTimeDbContextFactory<PostgresPortalDbContext>
{
    public PostgresPortalDbContext CreateDbContext(string[] args) =>
        new((DbContextOptions<PostgresPortalDbContext>)PostgresPortalDbContext.Configure(
            new DbContextOptionsBuilder<PostgresPortalDbContext>(), "Host=localhost;Database=portal_design").Options);
}
