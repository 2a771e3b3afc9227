using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Portal.Contracts.Api;
using Portal.Contracts.Model;
using Portal.Core.Secrets;
using Portal.Server.Tests.Infrastructure;

namespace Portal.Server.Tests.Secrets;

/// <summary>A host state stored in clear by a version before masking is masked when the server starts.</summary>
public sealed class ClearStateUpgradeTests
{
    [Fact]
    public async Task Start_StoredStateWithClearSecrets_MaskedAndStillRevealable()
    {
        // It reads and writes the SQLite file's bytes itself: an engine-specific check, run on SQLite only.
        Assert.SkipWhen(Portal.Lab.TestDatabase.IsPostgres, "reads the SQLite file directly");
        var path = Path.Combine(Path.GetTempPath(), $"srv-upgrade-{Guid.NewGuid():N}.db");
        var secrets = new SecretHost();
        string host;
        await using (var first = new PortalFactory { DatabasePath = path, DeleteDatabaseOnDispose = false })
        {
            using var admin = await PortalClient.AdminAsync(first);
            host = (await admin.CreateHostAsync()).Name;
        }

        // What an older server wrote: the agent's snapshot as it came, values in clear.
        var clear = secrets.Snapshot(host) with { Containers = [secrets.Db() with { Env = [.. secrets.Db().Env.Where(v => !v.Masked)] }] };
        await using (var connection = new SqliteConnection($"Data Source={path}"))
        {
            await connection.OpenAsync(TestContext.Current.CancellationToken);
            await using var insert = connection.CreateCommand();
            insert.CommandText = "INSERT INTO HostStates (HostId, SnapshotJson, Sequence, UpdatedAt) SELECT Id, $json, 1, 0 FROM Hosts WHERE Name = $name";
            insert.Parameters.AddWithValue("$json", JsonSerializer.Serialize(clear, PortalJson.Options));
            insert.Parameters.AddWithValue("$name", host);
            Assert.Equal(1, await insert.ExecuteNonQueryAsync(TestContext.Current.CancellationToken));
        }

        SqliteConnection.ClearAllPools();
        await using var second = new PortalFactory { DatabasePath = path };
        using var viewer = await PortalClient.WithRoleAsync(second, Roles.Viewer);
        using var operatorClient = await PortalClient.WithRoleAsync(second, Roles.Operator);
        operatorClient.Http.DefaultRequestHeaders.Add("X-Requested-With", "test");

        var text = await viewer.Http.GetStringAsync($"/api/hosts/{host}/containers/db", TestContext.Current.CancellationToken);
        Assert.DoesNotContain(secrets.Password, text);
        Assert.DoesNotContain(secrets.UrlPassword, text);
        Assert.Contains(SecretMask.Value, text);
        var answer = await operatorClient.Http.PostAsync($"/api/hosts/{host}/containers/db/env/DB_PASSWORD/reveal", null, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        Assert.Equal(secrets.Password, (await answer.Content.ReadFromJsonAsync<RevealedSecret>(PortalJson.Options, TestContext.Current.CancellationToken))!.Value);

        // And the stored state is written again, masked.
        await Eventually.TrueAsync(async () =>
        {
            await using var connection = new SqliteConnection($"Data Source={path}");
            await connection.OpenAsync(TestContext.Current.CancellationToken);
            await using var read = connection.CreateCommand();
            read.CommandText = "SELECT SnapshotJson FROM HostStates";
            var json = (string)(await read.ExecuteScalarAsync(TestContext.Current.CancellationToken))!;
            return !json.Contains(secrets.Password, StringComparison.Ordinal) && json.Contains(SecretMask.Value, StringComparison.Ordinal);
        }, "the stored state rewritten masked");
    }
}
