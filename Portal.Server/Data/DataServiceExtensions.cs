using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Portal.Server.Data.Postgres;

namespace Portal.Server.Data;

public static class DataServiceExtensions
{
    /// <summary>
    /// The portal's database, migrated on start: SQLite at <c>Portal:Database</c> (default portal.db in the content
    /// root), or PostgreSQL when <c>Portal:Database:Provider</c> is <c>postgres</c> (<see cref="DatabaseSettings"/>).
    /// Both are a <see cref="PortalDbContext"/> to the rest of the server; PostgreSQL's is a derived context only so
    /// that it has a migration set of its own.
    /// </summary>
    public static IHostApplicationBuilder AddPortalData(this IHostApplicationBuilder builder)
    {
        // Read the settings when the context is built, not now: test hosts override configuration after Program runs.
        builder.Services.AddDbContext<PortalDbContext>((services, options) =>
            options.UseSqlite(DatabaseSettings.Read(services).ConnectionString));
        builder.Services.AddDbContext<PostgresPortalDbContext>((services, options) =>
            PostgresPortalDbContext.Configure(options, DatabaseSettings.Read(services).ConnectionString!));
        builder.Services.Replace(ServiceDescriptor.Scoped<PortalDbContext>(services =>
            DatabaseSettings.Read(services).Provider == DatabaseProvider.Postgres
                ? services.GetRequiredService<PostgresPortalDbContext>()
                : new PortalDbContext(services.GetRequiredService<DbContextOptions<PortalDbContext>>())));
        builder.Services.AddHostedService<DatabaseMigrator>();
        return builder;
    }

    /// <summary>
    /// The SQLite file's full path, as configured now; with PostgreSQL the same setting places the server's local
    /// files (key ring, bootstrap password) beside it.
    /// </summary>
    public static string DatabasePath(IServiceProvider services) => DatabaseSettings.Read(services).LocalPath;
}
