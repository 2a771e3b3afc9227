using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Data.Sqlite;
using Portal.Contracts.Agent;
using Portal.Contracts.Api;
using Portal.Contracts.Intents;
using Portal.Contracts.Model;
using Portal.Core.Secrets;
using Portal.Server.Tests.Infrastructure;

namespace Portal.Server.Tests.Secrets;

/// <summary>
/// Secret values are masked once, at ingest: no REST answer, no hub message, no plan and no byte of the SQLite file
/// holds one, whoever asks.
/// </summary>
public sealed class SecretMaskingTests
{
    [Fact]
    public async Task SnapshotDeltaAndPlan_SecretValues_NeverInRestHubOrSqlite()
    {
        // It reads and writes the SQLite file's bytes itself: an engine-specific check, run on SQLite only.
        Assert.SkipWhen(Portal.Lab.TestDatabase.IsPostgres, "reads the SQLite file directly");
        var ct = TestContext.Current.CancellationToken;
        var secrets = new SecretHost();
        var later = SecretHost.Fresh("delta");
        var path = Path.Combine(Path.GetTempPath(), $"srv-secrets-{Guid.NewGuid():N}.db");
        var texts = new List<string>();
        try
        {
            await using (var factory = new PortalFactory { DatabasePath = path, DeleteDatabaseOnDispose = false })
            {
                using var admin = await PortalClient.AdminAsync(factory);
                var host = await admin.CreateHostAsync();
                using var viewer = await PortalClient.WithRoleAsync(factory, Roles.Viewer);
                using var operatorClient = await PortalClient.WithRoleAsync(factory, Roles.Operator);
                operatorClient.Http.DefaultRequestHeaders.Add("X-Requested-With", "test");
                await using var browser = await RawBrowser.WatchAsync(factory, viewer, host.Name);
                await using var agent = await TestAgent.ConnectAsync(factory, host.Token);

                await agent.SendAsync(AgentHubMethods.Snapshot, secrets.Snapshot(host.Name, 1));
                await browser.NextContainingAsync("\"sequence\":1", texts);
                var db = secrets.Db() with { Env = [.. secrets.Db().Env, new EnvVariable("API_KEY", later, EnvSource.User)] };
                await agent.SendAsync(AgentHubMethods.Delta, new HostDelta(host.Name, 2, DateTimeOffset.UtcNow, UpsertedContainers: [db]));
                var delta = await browser.NextContainingAsync("\"sequence\":2", texts);
                Assert.Contains("API_KEY", delta);
                Assert.Contains(SecretMask.Value, delta);

                foreach (var client in new[] { viewer, admin })
                {
                    texts.Add(await TextAsync(client, $"/api/hosts/{host.Name}/containers"));
                    texts.Add(await TextAsync(client, $"/api/hosts/{host.Name}/containers/db"));
                    texts.Add(await TextAsync(client, $"/api/hosts/{host.Name}/containers/client"));
                    texts.Add(await TextAsync(client, $"/api/hosts/{host.Name}/state"));
                }

                var list = JsonNode.Parse(texts[^3])!;
                var password = list["env"]!.AsArray().Single(v => v!["name"]!.GetValue<string>() == "DB_PASSWORD")!;
                Assert.Equal((SecretMask.Value, true, "user"), (password["value"]!.GetValue<string>(), password["masked"]!.GetValue<bool>(), password["source"]!.GetValue<string>()));
                var greeting = list["env"]!.AsArray().Single(v => v!["name"]!.GetValue<string>() == "GREETING")!;
                Assert.Equal("hello-in-clear", greeting["value"]!.GetValue<string>());
                Assert.Null(greeting["masked"]);

                // A plan computed from the state shows the link's copies of masked variables masked too.
                using var plan = await operatorClient.Http.PostAsJsonAsync(
                    $"/api/hosts/{host.Name}/links?dryRun=true", new LinkRequest("client", "db", "dbl"), ct);
                var planText = await plan.Content.ReadAsStringAsync(ct);
                Assert.True(plan.IsSuccessStatusCode, planText);
                texts.Add(planText);
                var copy = JsonNode.Parse(planText)!["plan"]!["env"]!.AsArray().Single(v => v!["name"]!.GetValue<string>() == "DBL_ENV_DB_PASSWORD")!;
                Assert.Equal((SecretMask.Value, true), (copy["value"]!.GetValue<string>(), copy["masked"]!.GetValue<bool>()));
                Assert.Contains("DBL_ENV_GREETING", planText);
                Assert.Contains("hello-in-clear", planText);
            }

            Assert.True(texts.Count >= 9);
            foreach (var text in texts)
            {
                foreach (var secret in secrets.All.Append(later))
                {
                    Assert.DoesNotContain(secret, text);
                }
            }

            // The server is stopped (its write-behind drained): the database and its journal hold none of them.
            SqliteConnection.ClearAllPools();
            var stored = Files(path).Select(File.ReadAllBytes).ToList();
            Assert.Contains(stored, bytes => Contains(bytes, "hello-in-clear"));
            foreach (var secret in secrets.All.Append(later))
            {
                Assert.DoesNotContain(stored, bytes => Contains(bytes, secret));
            }

            var keys = new DirectoryInfo(path + "-keys");
            Assert.NotEmpty(keys.GetFiles("*.xml"));
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, keys.UnixFileMode);
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            foreach (var file in Files(path))
            {
                File.Delete(file);
            }

            if (Directory.Exists(path + "-keys"))
            {
                Directory.Delete(path + "-keys", recursive: true);
            }
        }
    }

    [Fact]
    public async Task NamePatterns_Configured_ReplaceTheDefaults()
    {
        await using var factory = new PortalFactory
        {
            Settings = { ["Portal:Secrets:NamePatterns:0"] = "GREETING" },
        };
        var secrets = new SecretHost();
        using var admin = await PortalClient.AdminAsync(factory);
        var host = await admin.CreateHostAsync();
        await using var agent = await TestAgent.ConnectAsync(factory, host.Token);
        await agent.SendAsync(AgentHubMethods.Snapshot, secrets.Snapshot(host.Name));

        var db = await admin.GetAsync<Container>($"/api/hosts/{host.Name}/containers/db");
        var env = db.Env.ToDictionary(v => v.Name);
        Assert.True(env["GREETING"].Masked);
        Assert.Equal(SecretMask.Value, env["GREETING"].Value);
        Assert.False(env["DB_PASSWORD"].Masked);
        Assert.Equal(secrets.Password, env["DB_PASSWORD"].Value);
        // A URL with a password is secret whatever the names configured.
        Assert.True(env["DATABASE_URL"].Masked);
    }

    private static async Task<string> TextAsync(PortalClient client, string path)
    {
        using var response = await client.Http.GetAsync(path, TestContext.Current.CancellationToken);
        var text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET {path}: {(int)response.StatusCode} {text}");
        return text;
    }

    private static IEnumerable<string> Files(string path) =>
        new[] { "", "-wal", "-shm" }.Select(s => path + s).Where(File.Exists);

    private static bool Contains(byte[] haystack, string needle) =>
        haystack.AsSpan().IndexOf(Encoding.UTF8.GetBytes(needle)) >= 0;
}
