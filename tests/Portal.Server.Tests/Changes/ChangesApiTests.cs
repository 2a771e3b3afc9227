using System.Net;
using System.Threading.Channels;
using Microsoft.AspNetCore.SignalR.Client;
using Portal.Contracts.Api;
using Portal.Contracts.Commands;
using Portal.Contracts.Intents;
using Portal.Contracts.Model;
using Portal.Contracts.Wire;
using Portal.Core.PortalRules;
using Portal.Server.Tests.Infrastructure;

namespace Portal.Server.Tests.Changes;

/// <summary>The change endpoints against a fake agent on a real SignalR connection: what it was sent is the ground truth.</summary>
public sealed class ChangesApiTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    [Fact]
    public async Task Link_DryRun_AnswersPlanAndTouchesNothing()
    {
        var (op, host, agent) = await SetUpAsync();
        await using var owned = agent;

        var (status, body) = await ChangeClient.SendAsync(op, HttpMethod.Post, $"/api/hosts/{host}/links?dryRun=true", new LinkRequest("client", "web", "web"));

        Assert.Equal(HttpStatusCode.OK, status);
        var response = ChangeClient.Read(body);
        Assert.Null(response.Intent);
        Assert.Equal(["client"], response.Plan.Recreated);
        Assert.Contains(response.Plan.HostsLines, l => l.Container == "client" && l.Address == "172.17.0.2" && l.Names.Contains("web"));
        Assert.Contains(response.Plan.Env, e => e.Name == "WEB_PORT_80_TCP_ADDR" && e.Value == "172.17.0.2");
        Assert.Empty(agent.Received);
        Assert.Empty(await ChangeClient.IntentsAsync(op, host));
    }

    public static TheoryData<string, string, string, object?> BadInputs => new()
    {
        { "POST", "links", "alias", new LinkRequest("client", "web", "not_a_label!") },
        { "POST", "links", "source", new LinkRequest(null, "web", "web") },
        { "POST", "ports", "containerPort", new PortRequest("web", 0, "tcp", 9090, null) },
        { "POST", "ports", "protocol", new PortRequest("web", 80, "icmp", 9090, null) },
        { "POST", "ports", "hostIp", new PortRequest("web", 80, "tcp", 9090, "300.1.1.1") },
        { "POST", "networks", "subnet", new NetworkRequest("srv-net", "10.99.0.1/24", null, true, true) },
        { "POST", "networks", "name", new NetworkRequest("-bad", null, null, true, true) },
        { "POST", "networks", "mtu", new NetworkRequest("srv-net", null, null, true, true, 12) },
        { "POST", "networks/bridge/connections", "ipv4", new ConnectionRequest("client", null, "not-an-ip") },
        { "PUT", "networks/bridge/icc", "enabled", new IccRequest(null) },
        { "DELETE", "ports/web/notaport/tcp", "hostPort", null },
        { "DELETE", "ports/web/8080/icmp", "protocol", null },
        { "DELETE", "links/client/not_a_label!", "alias", null },
    };

    [Theory]
    [MemberData(nameof(BadInputs))]
    public async Task Change_BadInput_400NamingFieldAndNoCommand(string method, string path, string field, object? body)
    {
        var (op, host, agent) = await SetUpAsync();
        await using var owned = agent;

        var (status, problem) = await ChangeClient.SendAsync(op, new HttpMethod(method), $"/api/hosts/{host}/{path}", body);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), $"errors name '{field}': {problem}");
        Assert.Empty(agent.Received);
        Assert.Empty(await ChangeClient.IntentsAsync(op, host));
    }

    [Fact]
    public async Task Change_UnknownHost_404NamingIt()
    {
        using var op = await PortalClient.WithRoleAsync(factory, Roles.Operator);

        var (status, problem) = await ChangeClient.SendAsync(op, HttpMethod.Post, "/api/hosts/nosuchhost/links", new LinkRequest("client", "web", "web"));

        Assert.Equal(HttpStatusCode.NotFound, status);
        Assert.Contains("nosuchhost", problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task Link_UnknownContainer_404NamingIt()
    {
        var (op, host, agent) = await SetUpAsync();
        await using var owned = agent;

        var (status, problem) = await ChangeClient.SendAsync(op, HttpMethod.Post, $"/api/hosts/{host}/links", new LinkRequest("client", "ghost", "db"));

        Assert.Equal(HttpStatusCode.NotFound, status);
        Assert.Contains("'ghost'", problem.GetProperty("detail").GetString());
        Assert.Empty(agent.Received);
    }

    [Fact]
    public async Task Publish_HostPortTaken_409()
    {
        var (op, host, agent) = await SetUpAsync();
        await using var owned = agent;

        var (status, problem) = await ChangeClient.SendAsync(op, HttpMethod.Post, $"/api/hosts/{host}/ports", new PortRequest("client", 80, "tcp", 8080, null));

        Assert.Equal(HttpStatusCode.Conflict, status);
        Assert.Contains("'web'", problem.GetProperty("detail").GetString());
        Assert.Empty(agent.Received);
    }

    [Fact]
    public async Task Link_Viewer_403()
    {
        var (_, host, agent) = await SetUpAsync();
        await using var owned = agent;
        using var viewer = await PortalClient.WithRoleAsync(factory, Roles.Viewer);

        var (status, _) = await ChangeClient.SendAsync(viewer, HttpMethod.Post, $"/api/hosts/{host}/links", new LinkRequest("client", "web", "web"));

        Assert.Equal(HttpStatusCode.Forbidden, status);
        Assert.Empty(agent.Received);
    }

    [Fact]
    public async Task Link_Applied_IntentAppliedCommandsTaggedAndBrowserTold()
    {
        var (op, host, agent) = await SetUpAsync();
        await using var owned = agent;
        await using var browser = await TestBrowser.ConnectAsync(factory, op);
        var changed = Channel.CreateUnbounded<IntentView>();
        browser.Connection.On<IntentView>(LiveHubMethods.IntentChanged, v => changed.Writer.TryWrite(v));
        await browser.Connection.InvokeAsync(LiveHubMethods.Watch, host, TestContext.Current.CancellationToken);

        var (status, body) = await ChangeClient.SendAsync(op, HttpMethod.Post, $"/api/hosts/{host}/links", new LinkRequest("client", "web", "web"));

        Assert.Equal(HttpStatusCode.OK, status);
        var intent = ChangeClient.Read(body).Intent!;
        Assert.Equal((IntentKind.Link, IntentStatus.Applied, "link client -> web as web"), (intent.Kind, intent.Status, intent.Detail));
        var recreate = Assert.IsType<RecreateContainerCommand>(agent.Received[0]);
        Assert.Equal(("client", new LinkSpec("web", "web")), (recreate.Container, Assert.Single(recreate.AddLinks)));
        Assert.Equal(intent.Id, recreate.Intent);
        Assert.Equal(intent.User, recreate.User);
        // Daemon ICC is off on docker0: the portal chain must let client reach web's exposed 80/tcp.
        var rules = Assert.IsType<ApplyPortalRulesCommand>(agent.Received[1]);
        Assert.Contains("-A PORTAL-ICC -s 172.17.0.3/32 -d 172.17.0.2/32 -i docker0 -o docker0 -p tcp -m tcp --dport 80 -j ACCEPT", rules.Rules.RuleTexts());
        Assert.Equal(2, agent.Received.Count);
        var listed = Assert.Single(await ChangeClient.IntentsAsync(op, host));
        Assert.Equal((intent.Id, IntentStatus.Applied), (listed.Id, listed.Status));
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(10));
        IntentView seen;
        do
        {
            seen = await changed.Reader.ReadAsync(timeout.Token);
        }
        while (seen.Status != IntentStatus.Applied);
        Assert.Equal(intent.Id, seen.Id);
    }

    [Fact]
    public async Task Link_AgentRefuses_ItsStatusAndMessageIntentFailed()
    {
        var (op, host, agent) = await SetUpAsync();
        await using var owned = agent;
        agent.Answer = _ => CommandResult.Refused(502, "Error response from daemon: Conflict. The container name \"/client\" is already in use");

        var (status, problem) = await ChangeClient.SendAsync(op, HttpMethod.Post, $"/api/hosts/{host}/links", new LinkRequest("client", "web", "web"));

        Assert.Equal(HttpStatusCode.BadGateway, status);
        Assert.Contains("Error response from daemon: Conflict", problem.GetProperty("detail").GetString());
        Assert.Single(agent.Received);
        var intent = Assert.Single(await ChangeClient.IntentsAsync(op, host));
        Assert.Equal(IntentStatus.Failed, intent.Status);
        Assert.Contains("Error response from daemon", intent.Error);
    }

    [Fact]
    public async Task Link_SecondStepRefused_FirstStepUndone()
    {
        var (op, host, agent) = await SetUpAsync();
        await using var owned = agent;
        agent.Answer = c => c is ApplyPortalRulesCommand ? CommandResult.Refused(502, "iptables-restore: line 3 failed") : CommandResult.Done(["ok"]);

        var (status, _) = await ChangeClient.SendAsync(op, HttpMethod.Post, $"/api/hosts/{host}/links", new LinkRequest("client", "web", "web"));

        Assert.Equal(HttpStatusCode.BadGateway, status);
        Assert.Equal(3, agent.Received.Count);
        var undo = Assert.IsType<RecreateContainerCommand>(agent.Received[2]);
        Assert.Equal(("client", "web"), (undo.Container, Assert.Single(undo.RemoveLinkAliases)));
        Assert.Empty(undo.AddLinks);
        Assert.Equal(IntentStatus.Failed, Assert.Single(await ChangeClient.IntentsAsync(op, host)).Status);
    }

    [Fact]
    public async Task Link_AgentOffline_503NothingStored()
    {
        var (op, host, agent) = await SetUpAsync();
        await agent.DisposeAsync();
        await Eventually.TrueAsync(async () => !(await op.GetAsync<HostSummary>($"/api/hosts/{host}")).Online, "the host is offline");

        var (status, problem) = await ChangeClient.SendAsync(op, HttpMethod.Post, $"/api/hosts/{host}/links", new LinkRequest("client", "web", "web"));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, status);
        Assert.Equal($"agent for host '{host}' is offline", problem.GetProperty("detail").GetString());
        Assert.Empty(await ChangeClient.IntentsAsync(op, host));
    }

    [Fact]
    public async Task Unlink_Applied_IntentRemovedFromList()
    {
        var (op, host, agent) = await SetUpAsync();
        await using var owned = agent;
        var (created, _) = await ChangeClient.SendAsync(op, HttpMethod.Post, $"/api/hosts/{host}/links", new LinkRequest("client", "web", "web"));
        Assert.Equal(HttpStatusCode.OK, created);
        await agent.DeltaAsync(upserted: [ChangeHosts.Client(new ContainerLink("web", "web"))]);

        var (status, body) = await ChangeClient.SendAsync(op, HttpMethod.Delete, $"/api/hosts/{host}/links/client/web");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("removed", WireName.Of(ChangeClient.Read(body).Intent!.Status));
        var unlink = agent.Received.OfType<RecreateContainerCommand>().Last();
        Assert.Equal(["web"], unlink.RemoveLinkAliases);
        Assert.Empty(await ChangeClient.IntentsAsync(op, host));
    }

    [Fact]
    public async Task IntentsAndChanges_OpenApi_Described()
    {
        using var op = await PortalClient.WithRoleAsync(factory, Roles.Operator);
        var document = await op.Http.GetStringAsync("/openapi/v1.json", TestContext.Current.CancellationToken);
        foreach (var path in new[] { "/api/hosts/{host}/links", "/api/hosts/{host}/links/{source}/{alias}", "/api/hosts/{host}/ports",
            "/api/hosts/{host}/ports/{container}/{hostPort}/{protocol}", "/api/hosts/{host}/networks", "/api/hosts/{host}/networks/{name}",
            "/api/hosts/{host}/networks/{name}/connections", "/api/hosts/{host}/networks/{name}/connections/{container}",
            "/api/hosts/{host}/networks/{name}/icc", "/api/intents", "/api/intents/{id}/retry" })
        {
            Assert.Contains($"\"{path}\"", document);
        }

        Assert.Contains("\"ChangeResponse\"", document);
        Assert.Contains("\"LinkRequest\"", document);
        Assert.Contains("\"IntentView\"", document);
    }

    private Task<(PortalClient Operator, string Host, FakeAgent Agent)> SetUpAsync() => FakeAgent.OnNewHostAsync(factory, ChangeHosts.Classic);
}
