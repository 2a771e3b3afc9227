using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;

namespace Portal.Server.Tests.Infrastructure;

/// <summary>
/// The real server in memory on a real SQLite file of its own. Pass the path of an earlier factory's file to
/// start "the same server again".
/// </summary>
public sealed class PortalFactory : WebApplicationFactory<Program>
{
    public const string AdminUser = "admin";
    public const string AdminPassword = "admin-password-1";

    /// <summary>Set to an earlier factory's file to start "the same server again".</summary>
    public string DatabasePath { get; init; } = Path.Combine(Path.GetTempPath(), $"srv-test-{Guid.NewGuid():N}.db");

    /// <summary>More configuration of this server (e.g. <c>Portal:Audit:IngestRowsPerSecond</c>).</summary>
    public IReadOnlyDictionary<string, string> Settings { get; init; } = new Dictionary<string, string>();

    /// <summary>False for a factory that shares its file with a later one.</summary>
    public bool DeleteDatabaseOnDispose { get; init; } = true;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Development");
        builder.UseSetting("Portal:Database", DatabasePath);
        builder.UseSetting("Portal:Bootstrap:AdminPassword", AdminPassword);
        foreach (var (key, value) in Settings)
        {
            builder.UseSetting(key, value);
        }
    }

    /// <summary>Every client of the factory sends X-Requested-With, as the browser app and scripts do (the API's cross-site guard).</summary>
    protected override void ConfigureClient(HttpClient client)
    {
        base.ConfigureClient(client);
        client.DefaultRequestHeaders.Add(RequestedWithHeader, "portal-tests");
    }

    public const string RequestedWithHeader = "X-Requested-With";

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        SqliteConnection.ClearAllPools();
        if (DeleteDatabaseOnDispose)
        {
            foreach (var suffix in new[] { "", "-wal", "-shm" })
            {
                File.Delete(DatabasePath + suffix);
            }
        }
    }
}
