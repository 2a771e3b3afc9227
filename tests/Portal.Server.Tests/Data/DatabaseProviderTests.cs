using Microsoft.Data.Sqlite;
using Npgsql;
using Portal.Lab;
using Portal.Server.Tests.Infrastructure;

namespace Portal.Server.Tests.Data;

/// <summary>Portal:Database:Provider picks the engine the data really lands in; a bad setting stops the start with a clear error.</summary>
public sealed class DatabaseProviderTests
{
    [Fact]
    public async Task Start_UnknownProvider_FailsNamingTheSetting()
    {
        await using var factory = new PortalFactory { Settings = { ["Portal:Database:Provider"] = "mysql" } };
        var error = Record.Exception(() => factory.CreateClient());
        Assert.NotNull(error);
        Assert.Contains("Portal:Database:Provider (Portal__Database__Provider) is 'mysql'", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_PostgresWithoutConnectionString_FailsNamingTheSetting()
    {
        await using var factory = new PortalFactory
        {
            Settings = { ["Portal:Database:Provider"] = "postgres", ["Portal:Database:ConnectionString"] = "" },
        };
        var error = Record.Exception(() => factory.CreateClient());
        Assert.NotNull(error);
        Assert.Contains("Portal:Database:ConnectionString (Portal__Database__ConnectionString) is empty", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task CreateHost_ConfiguredProvider_RowIsInThatEngine()
    {
        var ct = TestContext.Current.CancellationToken;
        var path = Path.Combine(Path.GetTempPath(), $"srv-provider-{Guid.NewGuid():N}.db");
        await using var factory = new PortalFactory { DatabasePath = path };
        using var admin = await PortalClient.AdminAsync(factory);
        var host = await admin.CreateHostAsync();

        if (TestDatabase.IsPostgres)
        {
            // Nothing on disk at the SQLite path; the row is in this server's PostgreSQL database (names folded to lower case).
            Assert.False(File.Exists(path));
            await using var connection = new NpgsqlConnection(TestDatabase.ConnectionString(path));
            await connection.OpenAsync(ct);
            await using var command = new NpgsqlCommand("SELECT count(*) FROM hosts WHERE name = @n", connection);
            command.Parameters.AddWithValue("n", host.Name.ToUpperInvariant());
            // The nocase collation: host names compare case-insensitively, as SQLite's NOCASE does.
            Assert.Equal(1L, await command.ExecuteScalarAsync(ct));
        }
        else
        {
            await using var connection = new SqliteConnection($"Data Source={path}");
            await connection.OpenAsync(ct);
            await using var command = new SqliteCommand("SELECT count(*) FROM Hosts WHERE Name = $n", connection);
            command.Parameters.AddWithValue("$n", host.Name.ToUpperInvariant());
            Assert.Equal(1L, await command.ExecuteScalarAsync(ct));
        }
    }

    [Fact]
    public async Task Start_PathUnderDatabaseSection_IsTheSqliteFile()
    {
        Assert.SkipWhen(TestDatabase.IsPostgres, "the SQLite path alias");
        var path = Path.Combine(Path.GetTempPath(), $"srv-path-{Guid.NewGuid():N}.db");
        // A settings file cannot give Portal:Database both a value and children: Portal:Database:Path says the same.
        await using var factory = new PortalFactory { DatabasePath = path, Settings = { ["Portal:Database"] = null, ["Portal:Database:Path"] = path } };
        using var admin = await PortalClient.AdminAsync(factory);
        await admin.CreateHostAsync();
        Assert.True(File.Exists(path));
    }
}
