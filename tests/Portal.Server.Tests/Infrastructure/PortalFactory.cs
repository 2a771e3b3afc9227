using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace Portal.Server.Tests.Infrastructure;

/// <summary>
/// The real server in memory on a real SQLite file of its own (or, with PORTAL_TEST_DATABASE=postgres, a PostgreSQL
/// database of its own named after that path: <see cref="Portal.Lab.TestDatabase"/>). Pass the path of an earlier
/// factory's file to start "the same server again".
/// </summary>
public sealed class PortalFactory : WebApplicationFactory<Program>
{
    public const string AdminUser = "admin";

    /// <summary>The configured bootstrap password, which must be changed at the first sign-in.</summary>
    public const string BootstrapPassword = "admin-password-1";

    /// <summary>The admin's password after that change (<see cref="PortalClient.AdminAsync"/> makes it once).</summary>
    public const string AdminPassword = "admin-password-changed";

    private readonly SemaphoreSlim _adminReady = new(1, 1);
    private bool _adminPasswordChanged;

    /// <summary>Set to an earlier factory's file to start "the same server again".</summary>
    public string DatabasePath { get; init; } = Path.Combine(Path.GetTempPath(), $"srv-test-{Guid.NewGuid():N}.db");

    /// <summary>False for a factory that shares its file with a later one.</summary>
    public bool DeleteDatabaseOnDispose { get; init; } = true;

    /// <summary>Extra configuration for one test's server (e.g. a low sign-in limit).</summary>
    public Dictionary<string, string?> Settings { get; init; } = [];

    /// <summary>Any further change to one test's server (environment, logging).</summary>
    public Action<IWebHostBuilder>? Customize { get; init; }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Development");
        builder.UseSetting("Portal:Database", DatabasePath);
        foreach (var (key, value) in Portal.Lab.TestDatabase.Settings(DatabasePath))
        {
            builder.UseSetting(key, value);
        }

        builder.UseSetting("Portal:Bootstrap:AdminPassword", BootstrapPassword);
        // The test server speaks plain http, and every test signs in from the same address.
        builder.UseSetting("Portal:AllowInsecureHttp", "true");
        builder.UseSetting("Portal:Auth:LoginPermitsPerMinute", "100000");
        foreach (var (key, value) in Settings)
        {
            builder.UseSetting(key, value);
        }

        // TestServer leaves the client address empty; a real client always has one (here: loopback).
        builder.ConfigureServices(services => services.AddSingleton<IStartupFilter, LoopbackClient>());
        Customize?.Invoke(builder);
    }

    /// <summary>
    /// Makes the bootstrap admin's first-sign-in password change once per server (or finds it made by an
    /// earlier server on the same file).
    /// </summary>
    public async Task EnsureAdminPasswordChangedAsync()
    {
        await _adminReady.WaitAsync(TestContext.Current.CancellationToken);
        try
        {
            if (!_adminPasswordChanged)
            {
                await PortalClient.ChangeBootstrapPasswordAsync(this);
                _adminPasswordChanged = true;
            }
        }
        finally
        {
            _adminReady.Release();
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

            // The data protection key ring lives beside the database.
            if (Directory.Exists(DatabasePath + "-keys"))
            {
                Directory.Delete(DatabasePath + "-keys", recursive: true);
            }

            await Portal.Lab.TestDatabase.DropAsync(DatabasePath);
        }
    }

    private sealed class LoopbackClient : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((context, nextMiddleware) =>
            {
                context.Connection.RemoteIpAddress ??= IPAddress.Loopback;
                return nextMiddleware(context);
            });
            next(app);
        };
    }
}
