using System.Net;
using System.Text.Json;
using Portal.Contracts.Agent;
using Portal.Contracts.Api;
using Portal.Contracts.Commands;
using Portal.Contracts.Flows;
using Portal.Contracts.Intents;
using Portal.Contracts.Model;
using Portal.Contracts.Policies;
using Portal.Core.PortalRules;
using Portal.Server.Tests.Changes;
using Portal.Server.Tests.Infrastructure;

namespace Portal.Server.Tests.Policies;

/// <summary>
/// <c>GET/PUT /api/hosts/{host}/networks/{network}/policy</c> and <c>POST .../policy/learn</c> against a fake agent on a
/// real SignalR connection (what it was sent is the ground truth) and a real SQLite file.
/// </summary>
public sealed class PolicyApiTests(PolicyPortal portal) : IClassFixture<PolicyPortal>
{
    private PortalFactory Factory => portal.Factory;

    [Fact]
    public async Task Put_Enforce_ChainWrittenIntentAppliedGetShowsEntriesAndLinkEntries()
    {
        var (op, host, agent) = await SetUpAsync();
        await using var owned = agent;

        var (status, body) = await ChangeClient.SendAsync(op, HttpMethod.Put, Path(host), new PolicyRequest("enforce", [new PolicyAllow("web", "client", 9000, null)]));

        Assert.Equal(HttpStatusCode.OK, status);
        var intent = ChangeClient.Read(body).Intent!;
        Assert.Equal((IntentKind.Policy, IntentStatus.Applied), (intent.Kind, intent.Status));
        var rules = Assert.IsType<ApplyPortalRulesCommand>(Assert.Single(agent.Received)).Rules.RuleTexts();
        Assert.Equal(
            [
                "-A PORTAL-ICC -j PORTAL-POLICY",
                "-A PORTAL-ICC -s 172.17.0.3/32 -d 172.17.0.2/32 -i docker0 -o docker0 -p tcp -m tcp --dport 80 -j ACCEPT",
                "-A PORTAL-ICC -s 172.17.0.2/32 -d 172.17.0.3/32 -i docker0 -o docker0 -p tcp -m tcp --sport 80 -j ACCEPT",
                "-A PORTAL-ICC -j RETURN",
                "-A PORTAL-POLICY -i docker0 -o docker0 -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT",
                "-A PORTAL-POLICY -s 172.17.0.2/32 -d 172.17.0.3/32 -i docker0 -o docker0 -p tcp -m tcp --dport 9000 -j ACCEPT",
                "-A PORTAL-POLICY -s 172.17.0.3/32 -d 172.17.0.2/32 -i docker0 -o docker0 -p tcp -m tcp --dport 80 -j ACCEPT",
                "-A PORTAL-POLICY -i docker0 -o docker0 -j DROP",
            ],
            rules);

        var view = await op.GetAsync<PolicyView>(Path(host));
        Assert.Equal(("bridge", "enforce", intent.Id, IntentStatus.Applied), (view.Network, view.Mode, view.Intent, view.Status));
        Assert.Equal(
            [new PolicyAllow("web", "client", 9000, "tcp", PolicySource.Policy), new PolicyAllow("client", "web", 80, "tcp", PolicySource.Link)],
            view.Allow);

        // The list handed back as it was read keeps the link entry derived, not stored: the same chain, one stored entry.
        var (again, _) = await ChangeClient.SendAsync(op, HttpMethod.Put, Path(host), new PolicyRequest("enforce", view.Allow));
        Assert.Equal(HttpStatusCode.OK, again);
        Assert.Equal(rules, Assert.IsType<ApplyPortalRulesCommand>(agent.Received[^1]).Rules.RuleTexts());
        var listed = Assert.Single(await ChangeClient.IntentsAsync(op, host));
        Assert.Equal("policy enforce for bridge (1 allow entry)", listed.Detail);
    }

    [Fact]
    public async Task Put_DryRun_PlanOnlyNothingSentNothingStored()
    {
        var (op, host, agent) = await SetUpAsync();
        await using var owned = agent;

        var (status, body) = await ChangeClient.SendAsync(op, HttpMethod.Put, Path(host) + "?dryRun=true", new PolicyRequest("monitor", []));

        Assert.Equal(HttpStatusCode.OK, status);
        var response = ChangeClient.Read(body);
        Assert.Null(response.Intent);
        Assert.Contains(response.Plan.Rules, r => r is { Chain: "PORTAL-POLICY", Change: ChangeKind.Added, Text: "-A PORTAL-POLICY -i docker0 -o docker0 -j RETURN" });
        Assert.Empty(agent.Received);
        Assert.Empty(await ChangeClient.IntentsAsync(op, host));
        Assert.Equal(PolicyMode.Off, (await op.GetAsync<PolicyView>(Path(host))).Mode);
    }

    public static TheoryData<string, object?> BadBodies => new()
    {
        { "mode", new PolicyRequest("block", []) },
        { "mode", new PolicyRequest(null, []) },
        { "allow[0].port", new PolicyRequest("enforce", [new PolicyAllow("client", "web", 0, "tcp")]) },
        { "allow[1].port", new PolicyRequest("enforce", [new PolicyAllow("client", "web", 80, "tcp"), new PolicyAllow("client", "web", 65536, "tcp")]) },
        { "allow[0].proto", new PolicyRequest("enforce", [new PolicyAllow("client", "web", 80, "icmp")]) },
        { "allow[0].from", new PolicyRequest("enforce", [new PolicyAllow(null, "web", 80, "tcp")]) },
    };

    [Theory]
    [MemberData(nameof(BadBodies))]
    public async Task Put_BadField_400NamingItNothingApplied(string field, object? request)
    {
        var (op, host, agent) = await SetUpAsync();
        await using var owned = agent;

        var (status, problem) = await ChangeClient.SendAsync(op, HttpMethod.Put, Path(host), request);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), $"errors name '{field}': {problem}");
        Assert.Empty(agent.Received);
        Assert.Empty(await ChangeClient.IntentsAsync(op, host));
    }

    [Theory]
    [InlineData("nosuchnet", "client", "'nosuchnet'")]
    [InlineData("bridge", "ghost", "'ghost'")]
    public async Task Put_UnknownNetworkOrContainer_404NamingItNothingApplied(string network, string container, string named)
    {
        var (op, host, agent) = await SetUpAsync();
        await using var owned = agent;

        var (status, problem) = await ChangeClient.SendAsync(
            op, HttpMethod.Put, $"/api/hosts/{host}/networks/{network}/policy", new PolicyRequest("enforce", [new PolicyAllow(container, "web", 80, "tcp")]));
        var (get, _) = await ChangeClient.SendAsync(op, HttpMethod.Get, $"/api/hosts/{host}/networks/nosuchnet/policy");
        var (unknownHost, _) = await ChangeClient.SendAsync(op, HttpMethod.Get, "/api/hosts/nosuchhost/networks/bridge/policy");

        Assert.Equal(HttpStatusCode.NotFound, status);
        Assert.Contains(named, problem.GetProperty("detail").GetString());
        Assert.Equal((HttpStatusCode.NotFound, HttpStatusCode.NotFound), (get, unknownHost));
        Assert.Empty(agent.Received);
        Assert.Empty(await ChangeClient.IntentsAsync(op, host));
    }

    [Fact]
    public async Task Roles_ViewerReadsOnly_AnonymousNothing()
    {
        var (_, host, agent) = await SetUpAsync();
        await using var owned = agent;
        using var viewer = await PortalClient.WithRoleAsync(Factory, Roles.Viewer);
        using var anonymous = PortalClient.Anonymous(Factory);

        var (read, _) = await ChangeClient.SendAsync(viewer, HttpMethod.Get, Path(host));
        var (put, _) = await ChangeClient.SendAsync(viewer, HttpMethod.Put, Path(host), new PolicyRequest("enforce", []));
        var (learn, _) = await ChangeClient.SendAsync(viewer, HttpMethod.Post, Path(host) + "/learn?minutes=5");
        var (anonymousRead, _) = await ChangeClient.SendAsync(anonymous, HttpMethod.Get, Path(host));

        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.Forbidden, HttpStatusCode.Forbidden, HttpStatusCode.Unauthorized), (read, put, learn, anonymousRead));
        Assert.Empty(agent.Received);
    }

    [Fact]
    public async Task Learn_ProposesTheWindowsEdges_BlocksNone_PlanIsTheDryRun_ThenApplied()
    {
        var (op, host, agent) = await SetUpAsync();
        await using var owned = agent;
        var now = DateTimeOffset.UtcNow;
        portal.Flows.Set(
            host,
            new FlowEdge("client", "web", 80, "tcp", "bridge", 5, now.AddMinutes(-3), now.AddMinutes(-1)),
            new FlowEdge("web", "client", 9000, "tcp", "bridge", 2, now.AddMinutes(-3), now.AddMinutes(-2)),
            new FlowEdge("web", "client", 7000, "udp", "bridge", 1, now.AddHours(-3), now.AddHours(-2)),
            new FlowEdge("client", "external:192.0.2.1", 443, "tcp", null, 1, now.AddMinutes(-3), now.AddMinutes(-1)));

        var (status, body) = await ChangeClient.SendAsync(op, HttpMethod.Post, Path(host) + "/learn?minutes=10");
        var (bad, problem) = await ChangeClient.SendAsync(op, HttpMethod.Post, Path(host) + "/learn?minutes=0");

        Assert.Equal(HttpStatusCode.OK, status);
        var learned = body.Deserialize<PolicyLearnResponse>(PortalJson.Options)!;
        // client -> web:80 is the legacy link's: already allowed, not proposed again.
        Assert.Equal("enforce", learned.Policy.Mode);
        Assert.Equal([new PolicyAllow("web", "client", 9000, "tcp")], learned.Policy.Allow);
        Assert.Equal(2, learned.Flows.Count);
        Assert.Empty(learned.Blocked);
        Assert.Contains(learned.Plan.Rules, r => r.Text == "-A PORTAL-POLICY -s 172.17.0.2/32 -d 172.17.0.3/32 -i docker0 -o docker0 -p tcp -m tcp --dport 9000 -j ACCEPT");
        Assert.Equal(HttpStatusCode.BadRequest, bad);
        Assert.True(problem.GetProperty("errors").TryGetProperty("minutes", out _));
        Assert.Empty(agent.Received);
        Assert.Empty(await ChangeClient.IntentsAsync(op, host));

        var (applied, _) = await ChangeClient.SendAsync(op, HttpMethod.Put, Path(host), learned.Policy);
        Assert.Equal(HttpStatusCode.OK, applied);
        var written = Assert.IsType<ApplyPortalRulesCommand>(Assert.Single(agent.Received)).Rules.RuleTexts();
        Assert.Equal(learned.Plan.Rules.Where(r => r.Chain.StartsWith("PORTAL", StringComparison.Ordinal) && r.Change == ChangeKind.Added).Select(r => r.Text).Order(), written.Order());
        Assert.Empty((await op.GetAsync<PolicyView>(Path(host))).Blocked);
    }

    [Fact]
    public async Task Get_Monitor_ShowsTheFlowsItWouldDrop()
    {
        var (op, host, agent) = await SetUpAsync();
        await using var owned = agent;
        var now = DateTimeOffset.UtcNow;
        var unallowed = new FlowEdge("web", "client", 22, "tcp", "bridge", 4, now.AddMinutes(-5), now.AddMinutes(-1));
        portal.Flows.Set(host, new FlowEdge("client", "web", 80, "tcp", "bridge", 5, now.AddMinutes(-3), now.AddMinutes(-1)), unallowed);

        var (status, _) = await ChangeClient.SendAsync(op, HttpMethod.Put, Path(host), new PolicyRequest("monitor", []));
        var view = await op.GetAsync<PolicyView>(Path(host));

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(PolicyMode.Monitor, view.Mode);
        Assert.Equal([unallowed], view.Blocked);
        Assert.Contains(PortalRuleSetText.MonitorRule("docker0"), Assert.IsType<ApplyPortalRulesCommand>(Assert.Single(agent.Received)).Rules.RuleTexts());
    }

    [Fact]
    public async Task Get_VerdictRuleCounter_IsTheCountOfTheModesLastRule()
    {
        var (op, host, agent) = await SetUpAsync();
        await using var owned = agent;
        var (status, _) = await ChangeClient.SendAsync(op, HttpMethod.Put, Path(host), new PolicyRequest("monitor", []));
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Null((await op.GetAsync<PolicyView>(Path(host))).Counted);

        // The monitor rule's count, beside an enforce rule's text left from before (a count the mode does not own).
        await agent.Agent.SendAsync(AgentHubMethods.Counters, new RuleCounterBatch(host, true, [
            new RuleCounter("filter", "PORTAL-POLICY", 2, PortalRuleSetText.VerdictRule("docker0", enforce: true), false, 40, 2400),
            new RuleCounter("filter", "PORTAL-POLICY", 3, PortalRuleSetText.MonitorRule("docker0"), false, 5, 300),
        ]));

        await Eventually.TrueAsync(async () => (await op.GetAsync<PolicyView>(Path(host))).Counted == new PolicyCount(5, 300), "the monitor rule's count");
        var json = await op.Http.GetStringAsync(Path(host), TestContext.Current.CancellationToken);
        Assert.Equal(5, JsonDocument.Parse(json).RootElement.GetProperty("counted").GetProperty("packets").GetInt64());
    }

    private static string Path(string host) => $"/api/hosts/{host}/networks/bridge/policy";

    /// <summary>The lab's default host with client linked to web (a legacy link: web's 80/tcp is allowed).</summary>
    private async Task<(PortalClient Operator, string Host, FakeAgent Agent)> SetUpAsync()
    {
        using var admin = await PortalClient.AdminAsync(Factory);
        var host = await admin.CreateHostAsync();
        var snapshot = Snapshots.Classic(host.Name, 1) with
        {
            Containers = [ChangeHosts.Client(new ContainerLink("web", "web")) with { Exposed = ["9000/tcp"] }, Snapshots.Web()],
        };
        var agent = await FakeAgent.ConnectAsync(Factory, host, snapshot);
        var op = await PortalClient.WithRoleAsync(Factory, Roles.Operator);
        await Eventually.TrueAsync(async () => (await op.GetAsync<HostSummary>($"/api/hosts/{host.Name}")).Containers == 2, "the snapshot is in");
        return (op, host.Name, agent);
    }
}
