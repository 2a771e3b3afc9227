using System.Net;
using System.Net.Http.Json;
using Portal.Contracts.Agent;
using Portal.Contracts.Api;
using Portal.Contracts.Model;
using Portal.Server.Tests.Infrastructure;

namespace Portal.Server.Tests.Secrets;

/// <summary>An operator reveals one value with its own request; each reveal is recorded and listed for admins only.</summary>
public sealed class SecretRevealTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    [Fact]
    public async Task Reveal_Operator_GetsTheValue_RecordedAndListedForAdmins()
    {
        var (host, secrets) = await HostWithSecretsAsync();
        using var operatorClient = await SignedInAsync(Roles.Operator);
        using var admin = await SignedInAsync(Roles.Admin);
        using var viewer = await SignedInAsync(Roles.Viewer);

        var before = DateTimeOffset.UtcNow;
        var revealed = await RevealAsync(operatorClient, host, "db", "DB_PASSWORD");
        Assert.Equal(HttpStatusCode.OK, revealed.StatusCode);
        Assert.Equal(new RevealedSecret("DB_PASSWORD", secrets.Password), await revealed.Content.ReadFromJsonAsync<RevealedSecret>(PortalJson.Options, TestContext.Current.CancellationToken));
        var url = await RevealAsync(admin, host, "dbdbdbdbdbdb01", "DATABASE_URL");
        Assert.Equal($"postgres://app:{secrets.UrlPassword}@db:5432/app", (await url.Content.ReadFromJsonAsync<RevealedSecret>(PortalJson.Options, TestContext.Current.CancellationToken))!.Value);
        var copy = await RevealAsync(operatorClient, host, "client", "OTHER_ENV_API_TOKEN");
        Assert.Equal(secrets.LinkCopy, (await copy.Content.ReadFromJsonAsync<RevealedSecret>(PortalJson.Options, TestContext.Current.CancellationToken))!.Value);

        var reveals = await admin.GetAsync<List<SecretRevealView>>("/api/secrets/reveals");
        var mine = reveals.Where(r => r.Host == host).OrderBy(r => r.Id).ToList();
        Assert.Equal(["DB_PASSWORD", "DATABASE_URL", "OTHER_ENV_API_TOKEN"], mine.Select(r => r.Variable));
        Assert.Equal(["db", "db", "client"], mine.Select(r => r.Container));
        Assert.StartsWith("operator-", mine[0].User);
        Assert.Equal(PortalFactory.AdminUser, mine[1].User);
        Assert.InRange(mine[0].At, before.AddSeconds(-1), DateTimeOffset.UtcNow.AddSeconds(1));
        Assert.DoesNotContain(secrets.Password, await (await admin.Http.GetAsync("/api/secrets/reveals", TestContext.Current.CancellationToken)).Content.ReadAsStringAsync(TestContext.Current.CancellationToken));

        Assert.Equal(HttpStatusCode.Forbidden, (await viewer.Http.GetAsync("/api/secrets/reveals", TestContext.Current.CancellationToken)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await operatorClient.Http.GetAsync("/api/secrets/reveals", TestContext.Current.CancellationToken)).StatusCode);
    }

    [Fact]
    public async Task Reveal_Viewer_ForbiddenAndNotRecorded()
    {
        var (host, _) = await HostWithSecretsAsync();
        using var viewer = await SignedInAsync(Roles.Viewer);
        using var admin = await SignedInAsync(Roles.Admin);

        var answer = await RevealAsync(viewer, host, "db", "DB_PASSWORD");

        Assert.Equal(HttpStatusCode.Forbidden, answer.StatusCode);
        Assert.DoesNotContain(await admin.GetAsync<List<SecretRevealView>>("/api/secrets/reveals"), r => r.Host == host);
    }

    [Theory]
    [InlineData("nohost", "db", "DB_PASSWORD", HttpStatusCode.NotFound)]
    [InlineData(null, "nothere", "DB_PASSWORD", HttpStatusCode.NotFound)]
    [InlineData(null, "db", "NOT_THERE", HttpStatusCode.NotFound)]
    [InlineData(null, "db", "GREETING", HttpStatusCode.BadRequest)]
    [InlineData(null, "db", "PORTAL_AGENT_TOKEN", HttpStatusCode.NotFound)]
    public async Task Reveal_BadTarget_ProblemAndNotRecorded(string? hostName, string container, string variable, HttpStatusCode expected)
    {
        var (host, secrets) = await HostWithSecretsAsync();
        using var operatorClient = await SignedInAsync(Roles.Operator);
        using var admin = await SignedInAsync(Roles.Admin);

        var answer = await RevealAsync(operatorClient, hostName ?? host, container, variable);

        Assert.Equal(expected, answer.StatusCode);
        Assert.Equal("application/problem+json", answer.Content.Headers.ContentType?.MediaType);
        Assert.DoesNotContain(secrets.Withheld, await answer.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        Assert.DoesNotContain(await admin.GetAsync<List<SecretRevealView>>("/api/secrets/reveals"), r => r.Host == host);
    }

    [Fact]
    public async Task Reveal_AfterRestartWithAgentOffline_ValueStillHeldSealed()
    {
        var path = Path.Combine(Path.GetTempPath(), $"srv-reveal-{Guid.NewGuid():N}.db");
        var secrets = new SecretHost();
        string host;
        await using (var first = new PortalFactory { DatabasePath = path, DeleteDatabaseOnDispose = false })
        {
            using var admin = await PortalClient.AdminAsync(first);
            host = (await admin.CreateHostAsync()).Name;
            var token = (await admin.GetAsync<List<HostSummary>>("/api/hosts")).Single().Name;
            Assert.Equal(host, token);
        }

        // The host is registered; now its agent reports, the server stops, and comes back without the agent.
        await using (var second = new PortalFactory { DatabasePath = path, DeleteDatabaseOnDispose = false })
        {
            using var admin = await PortalClient.AdminAsync(second);
            admin.Http.DefaultRequestHeaders.Add("X-Requested-With", "test");
            using var reissued = await admin.Http.PostAsync($"/api/hosts/{host}/token", content: null, TestContext.Current.CancellationToken);
            var created = (await reissued.Content.ReadFromJsonAsync<CreatedHost>(PortalJson.Options, TestContext.Current.CancellationToken))!;
            await using var agent = await TestAgent.ConnectAsync(second, created.Token);
            await agent.SendAsync(AgentHubMethods.Snapshot, secrets.Snapshot(host));
            await Eventually.TrueAsync(async () => (await admin.GetAsync<HostSummary>($"/api/hosts/{host}")).Containers == 3, "the snapshot stored");
        }

        await using var third = new PortalFactory { DatabasePath = path };
        using var operatorClient = await PortalClient.WithRoleAsync(third, Roles.Operator);
        operatorClient.Http.DefaultRequestHeaders.Add("X-Requested-With", "test");
        Assert.False((await operatorClient.GetAsync<HostSummary>($"/api/hosts/{host}")).Online);
        var answer = await RevealAsync(operatorClient, host, "db", "DB_PASSWORD");
        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        Assert.Equal(secrets.Password, (await answer.Content.ReadFromJsonAsync<RevealedSecret>(PortalJson.Options, TestContext.Current.CancellationToken))!.Value);
    }

    private async Task<(string Host, SecretHost Secrets)> HostWithSecretsAsync()
    {
        var secrets = new SecretHost();
        using var admin = await PortalClient.AdminAsync(factory);
        var host = await admin.CreateHostAsync();
        var agent = await TestAgent.ConnectAsync(factory, host.Token);
        await agent.SendAsync(AgentHubMethods.Snapshot, secrets.Snapshot(host.Name));
        return (host.Name, secrets);
    }

    private async Task<PortalClient> SignedInAsync(string role)
    {
        var client = role == Roles.Admin ? await PortalClient.AdminAsync(factory) : await PortalClient.WithRoleAsync(factory, role);
        client.Http.DefaultRequestHeaders.Add("X-Requested-With", "test");
        return client;
    }

    private static Task<HttpResponseMessage> RevealAsync(PortalClient client, string host, string container, string variable) =>
        client.Http.PostAsync(
            $"/api/hosts/{host}/containers/{container}/env/{Uri.EscapeDataString(variable)}/reveal", content: null, TestContext.Current.CancellationToken);
}
