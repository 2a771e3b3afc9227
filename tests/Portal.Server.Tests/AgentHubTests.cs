using System.Net;
using System.Net.Http.Json;
using Portal.Contracts.Agent;
using Portal.Contracts.Api;
using Portal.Contracts.Model;
using Portal.Server.Tests.Infrastructure;

namespace Portal.Server.Tests;

/// <summary>A real SignalR client plays the agent; what it sent must come back through the REST API.</summary>
public sealed class AgentHubTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    [Fact]
    public async Task Snapshot_ValidToken_AppearsThroughRestAndHostOnline()
    {
        using var admin = await PortalClient.AdminAsync(factory);
        var host = await admin.CreateHostAsync();
        await using var agent = await TestAgent.ConnectAsync(factory, host.Token);

        await agent.SendAsync(AgentHubMethods.Snapshot, Snapshots.Classic(host.Name, 3));

        var summary = await admin.GetAsync<HostSummary>($"/api/hosts/{host.Name}");
        Assert.True(summary.Online);
        Assert.Equal("20.10.24", summary.DockerVersion);
        Assert.Equal((1, 1, 3), (summary.Bridges, summary.Containers, summary.Rules));
        var bridge = Assert.Single(await admin.GetAsync<List<Bridge>>($"/api/hosts/{host.Name}/bridges"));
        Assert.Equal(("docker0", "172.17.0.0/16", "web"), (bridge.Name, bridge.Subnet, bridge.Interfaces[0].Container));
        var web = await admin.GetAsync<Container>($"/api/hosts/{host.Name}/containers/web");
        Assert.Equal("172.17.0.2", web.Endpoints[0].Ipv4);
        var nat = await admin.GetAsync<List<Rule>>($"/api/hosts/{host.Name}/rules?table=nat&chain=DOCKER");
        var dnat = Assert.Single(nat);
        Assert.Equal("-A DOCKER ! -i docker0 -p tcp -m tcp --dport 8080 -j DNAT --to-destination 172.17.0.2:80", dnat.Text);
        Assert.Equal(new RuleOwner(RuleOwnerKind.Port, Container: "web", Port: "8080/tcp"), dnat.Owner);
        using var missing = await admin.Http.GetAsync($"/api/hosts/{host.Name}/containers/nope", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
    }

    [Fact]
    public async Task Rules_Json_ContractFieldsInCamelCaseWithoutNulls()
    {
        using var admin = await PortalClient.AdminAsync(factory);
        var host = await admin.CreateHostAsync();
        await using var agent = await TestAgent.ConnectAsync(factory, host.Token);
        await agent.SendAsync(AgentHubMethods.Snapshot, Snapshots.Classic(host.Name));

        var json = await admin.Http.GetStringAsync($"/api/hosts/{host.Name}/rules?table=nat&chain=POSTROUTING", TestContext.Current.CancellationToken);
        Assert.Equal(
            """[{"table":"nat","chain":"POSTROUTING","index":1,"text":"-A POSTROUTING -s 172.17.0.0/16 ! -o docker0 -j MASQUERADE","owner":{"kind":"masquerade","network":"bridge"}}]""",
            json);
    }

    [Fact]
    public async Task Delta_NextSequence_AppliedAndVisible()
    {
        using var admin = await PortalClient.AdminAsync(factory);
        var host = await admin.CreateHostAsync();
        await using var agent = await TestAgent.ConnectAsync(factory, host.Token);
        await agent.SendAsync(AgentHubMethods.Snapshot, Snapshots.Classic(host.Name, 10));

        var db = Snapshots.Container("db", "d00d", "172.17.0.3");
        await agent.SendAsync(AgentHubMethods.Delta, new HostDelta(host.Name, 11, DateTimeOffset.UtcNow, UpsertedContainers: [db], RemovedContainers: ["c0ffee01"]));

        var names = (await admin.GetAsync<List<Container>>($"/api/hosts/{host.Name}/containers")).Select(c => c.Name);
        Assert.Equal(["db"], names);
        Assert.False(agent.SnapshotRequests.Reader.TryRead(out _));
    }

    [Fact]
    public async Task Delta_Gap_ServerRequestsSnapshotAndDoesNotApply()
    {
        using var admin = await PortalClient.AdminAsync(factory);
        var host = await admin.CreateHostAsync();
        await using var agent = await TestAgent.ConnectAsync(factory, host.Token);
        await agent.SendAsync(AgentHubMethods.Snapshot, Snapshots.Classic(host.Name, 10));

        var db = Snapshots.Container("db", "d00d", "172.17.0.3");
        await agent.SendAsync(AgentHubMethods.Delta, new HostDelta(host.Name, 12, DateTimeOffset.UtcNow, UpsertedContainers: [db]));

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(10));
        await agent.SnapshotRequests.Reader.ReadAsync(timeout.Token);
        var names = (await admin.GetAsync<List<Container>>($"/api/hosts/{host.Name}/containers")).Select(c => c.Name);
        Assert.Equal(["web"], names);
    }

    [Fact]
    public async Task Connect_UnknownToken_Refused()
    {
        await using var agent = TestAgent.Create(factory, "not-a-token-of-any-host");
        var error = await Assert.ThrowsAsync<HttpRequestException>(() => agent.Connection.StartAsync(TestContext.Current.CancellationToken));
        Assert.Equal(HttpStatusCode.Unauthorized, error.StatusCode);
    }

    [Fact]
    public async Task RevokeToken_ConnectedAgent_DroppedAtOnceRefusedAfterAndOffline()
    {
        using var admin = await PortalClient.AdminAsync(factory);
        var host = await admin.CreateHostAsync();
        await using var agent = await TestAgent.ConnectAsync(factory, host.Token);
        await agent.SendAsync(AgentHubMethods.Snapshot, Snapshots.Classic(host.Name));

        using var revoke = await admin.Http.DeleteAsync($"/api/hosts/{host.Name}/token", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.NoContent, revoke.StatusCode);

        await agent.Closed.WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);
        await using var again = TestAgent.Create(factory, host.Token);
        var error = await Assert.ThrowsAsync<HttpRequestException>(() => again.Connection.StartAsync(TestContext.Current.CancellationToken));
        Assert.Equal(HttpStatusCode.Unauthorized, error.StatusCode);
        await Eventually.TrueAsync(
            async () => !(await admin.GetAsync<HostSummary>($"/api/hosts/{host.Name}")).Online, "the host shows offline");
    }

    [Fact]
    public async Task NewToken_OldTokenRefusedNewAccepted()
    {
        using var admin = await PortalClient.AdminAsync(factory);
        var host = await admin.CreateHostAsync();
        using var issue = await admin.Http.PostAsync($"/api/hosts/{host.Name}/token", null, TestContext.Current.CancellationToken);
        var fresh = await issue.Content.ReadFromJsonAsync<CreatedHost>(PortalJson.Options, TestContext.Current.CancellationToken);

        await using var old = TestAgent.Create(factory, host.Token);
        await Assert.ThrowsAsync<HttpRequestException>(() => old.Connection.StartAsync(TestContext.Current.CancellationToken));
        await using var current = await TestAgent.ConnectAsync(factory, fresh!.Token);
        Assert.Equal(Microsoft.AspNetCore.SignalR.Client.HubConnectionState.Connected, current.Connection.State);
    }

    [Fact]
    public async Task SecondConnection_SameHost_ReplacesTheFirst()
    {
        using var admin = await PortalClient.AdminAsync(factory);
        var host = await admin.CreateHostAsync();
        await using var first = await TestAgent.ConnectAsync(factory, host.Token);
        await using var second = await TestAgent.ConnectAsync(factory, host.Token);

        await first.Closed.WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);
        await second.SendAsync(AgentHubMethods.Snapshot, Snapshots.Classic(host.Name));
        Assert.True((await admin.GetAsync<HostSummary>($"/api/hosts/{host.Name}")).Online);
    }

    private static List<(string What, object Message)> Malformed(string host) =>
    [
        ("wrong type", new { host, sequence = "twelve", takenAt = DateTimeOffset.UtcNow }),
        ("missing lists", new { host, sequence = 1, takenAt = DateTimeOffset.UtcNow, dockerVersion = "x" }),
        ("other host", Snapshots.Classic("someoneelse")),
        ("negative sequence", Snapshots.Classic(host, -5)),
        ("not an object", "just a string"),
        ("too many interfaces", Snapshots.Classic(host) with
        {
            Interfaces = [.. Enumerable.Range(0, 257).Select(i => new HostInterface($"dummy{i}", []))],
        }),
        ("too many addresses on one interface", Snapshots.Classic(host) with
        {
            Interfaces = [new HostInterface("eth0", [.. Enumerable.Range(0, 1025).Select(i => new InterfaceAddress($"10.{i / 250}.{i % 250}.1", 32))])],
        }),
        ("an interface address that is not IPv4", Snapshots.Classic(host) with
        {
            Interfaces = [new HostInterface("eth0", [new InterfaceAddress("not-an-address", 24)])],
        }),
        ("an interface name longer than the kernel allows", Snapshots.Classic(host) with
        {
            Interfaces = [new HostInterface("an-interface-name-too-long", [])],
        }),
    ];

    [Fact]
    public async Task Snapshot_Malformed_DisconnectedAndNothingStored()
    {
        using var admin = await PortalClient.AdminAsync(factory);
        var host = await admin.CreateHostAsync();
        foreach (var (what, message) in Malformed(host.Name))
        {
            await using var agent = await TestAgent.ConnectAsync(factory, host.Token);
            // The server aborts while handling the call, so the call itself may fail: either way the connection ends.
            await Record.ExceptionAsync(() => agent.SendAsync(AgentHubMethods.Snapshot, message));
            await agent.Closed.WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);

            var summary = await admin.GetAsync<HostSummary>($"/api/hosts/{host.Name}");
            Assert.True(summary is { Online: false, Containers: 0, Rules: 0 }, what);
            Assert.Empty(await admin.GetAsync<List<Bridge>>($"/api/hosts/{host.Name}/bridges"));
        }
    }

    [Fact]
    public async Task Snapshot_Oversized_DisconnectedAndNothingStored()
    {
        using var admin = await PortalClient.AdminAsync(factory);
        var host = await admin.CreateHostAsync();
        await using var agent = await TestAgent.ConnectAsync(factory, host.Token);
        var huge = Snapshots.Classic(host.Name) with
        {
            Rules = [new Rule("filter", "INPUT", 1, new string('x', 17 * 1024 * 1024), RuleOwner.Unknown)],
        };

        await Record.ExceptionAsync(() => agent.SendAsync(AgentHubMethods.Snapshot, huge));
        await agent.Closed.WaitAsync(TimeSpan.FromSeconds(20), TestContext.Current.CancellationToken);

        var summary = await admin.GetAsync<HostSummary>($"/api/hosts/{host.Name}");
        Assert.Equal(0, summary.Rules);
        // The server is still fine: a well-formed snapshot on a new connection is accepted.
        await using var next = await TestAgent.ConnectAsync(factory, host.Token);
        await next.SendAsync(AgentHubMethods.Snapshot, Snapshots.Classic(host.Name));
        Assert.Equal(3, (await admin.GetAsync<HostSummary>($"/api/hosts/{host.Name}")).Rules);
    }

    [Fact]
    public async Task Disconnect_Agent_HostOffline()
    {
        using var admin = await PortalClient.AdminAsync(factory);
        var host = await admin.CreateHostAsync();
        var agent = await TestAgent.ConnectAsync(factory, host.Token);
        await agent.SendAsync(AgentHubMethods.Snapshot, Snapshots.Classic(host.Name));
        await agent.DisposeAsync();

        await Eventually.TrueAsync(
            async () => !(await admin.GetAsync<HostSummary>($"/api/hosts/{host.Name}")).Online, "the host shows offline");
    }
}
