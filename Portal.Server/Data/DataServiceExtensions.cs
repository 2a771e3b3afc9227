using Microsoft.EntityFrameworkCore;

namespace Portal.Server.Data;

public static class DataServiceExtensions
{
    /// <summary>SQLite at <c>Portal:Database</c> (default portal.db in the content root), migrated on start.</summary>
    public static IHostApplicationBuilder AddPortalData(this IHostApplicationBuilder builder)
    {
        // Read the path when the context is built, not now: test hosts override configuration after Program runs.
        builder.Services.AddDbContext<PortalDbContext>((services, options) =>
            options.UseSqlite($"Data Source={DatabasePath(services)}"));
        builder.Services.AddHostedService<DatabaseMigrator>();
        return builder;
    }

    /// <summary>The SQLite file's full path, as configured now.</summary>
    public static string DatabasePath(IServiceProvider services)
    {
        var configured = services.GetRequiredService<IConfiguration>()["Portal:Database"];
        var root = services.GetRequiredService<IHostEnvironment>().ContentRootPath;
        return Path.GetFullPath(string.IsNullOrWhiteSpace(configured) ? "portal.db" : configured, root);
    }
}
