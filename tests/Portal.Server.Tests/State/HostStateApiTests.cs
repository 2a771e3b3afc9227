using System.Net;
using Microsoft.AspNetCore.SignalR.Client;
using Portal.Contracts.Agent;
using Portal.Contracts.Api;
using Portal.Contracts.Model;
using Portal.Server.Tests.Infrastructure;

namespace Portal.Server.Tests.State;

/// <summary><c>GET /api/hosts/{host}/state</c>: the whole folded state in one answer, and deltas that carry chains only.</summary>
public sealed class HostStateApiTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    private static readonly Rule Dnat8080 = new("nat", "DOCKER", 1, "-A DOCKER ! -i docker0 -p tcp -m tcp --dport 8080 -j DNAT --to-destination 172.17.0.5:80",
        new RuleOwner(RuleOwnerKind.Port, Container: "web", Port: "8080/tcp"));

    [Fact]
    public async Task State_SnapshotThenRecreateAndChainDelta_OneAnswerWithEverySectionFolded()
    {
        using var admin = await PortalClient.AdminAsync(factory);
        var host = await admin.CreateHostAsync();
        await using var agent = await TestAgent.ConnectAsync(factory, host.Token);
        await agent.SendAsync(AgentHubMethods.Snapshot, Snapshots.Classic(host.Name, 5));

        // web recreated under its name with a new id and address; the delta names the old id gone and nat DOCKER anew.
        var recreated = Snapshots.Container("web", "beef0002", "172.17.0.5");
        await agent.SendAsync(AgentHubMethods.Delta, new HostDelta(host.Name, 6, DateTimeOffset.UtcNow,
            UpsertedContainers: [recreated], RemovedContainers: ["c0ffee01"], Chains: [new ChainRules("nat", "DOCKER", [Dnat8080])]));

        using var viewer = await PortalClient.WithRoleAsync(factory, Roles.Viewer);
        var state = await viewer.GetAsync<HostStateView>($"/api/hosts/{host.Name}/state");
        Assert.Equal((host.Name, 6L, "nf_tables"), (state.Host, state.Sequence, state.IptablesBackend));
        Assert.Equal(("beef0002", "172.17.0.5"), (Assert.Single(state.Containers).Id, state.Containers[0].Endpoints[0].Ipv4));
        Assert.Equal("docker0", Assert.Single(state.Bridges).Name);
        var classic = Snapshots.Classic(host.Name).Rules;
        Assert.Equal([classic[0], Dnat8080, classic[2]], state.Rules);
        Assert.Equal((true, 1, 1, 3, "20.10.24"), (state.Summary.Online, state.Summary.Containers, state.Summary.Bridges, state.Summary.Rules, state.Summary.DockerVersion));
    }

    [Fact]
    public async Task State_EmptiedChain_ItsRulesGoOthersStay()
    {
        using var admin = await PortalClient.AdminAsync(factory);
        var host = await admin.CreateHostAsync();
        await using var agent = await TestAgent.ConnectAsync(factory, host.Token);
        await agent.SendAsync(AgentHubMethods.Snapshot, Snapshots.Classic(host.Name, 1));

        await agent.SendAsync(AgentHubMethods.Delta, new HostDelta(host.Name, 2, DateTimeOffset.UtcNow, Chains: [new ChainRules("nat", "POSTROUTING", [])]));

        var state = await admin.GetAsync<HostStateView>($"/api/hosts/{host.Name}/state");
        Assert.Equal(2, state.Sequence);
        Assert.Equal(["nat DOCKER", "filter FORWARD"], state.Rules.Select(r => $"{r.Table} {r.Chain}"));
    }

    [Fact]
    public async Task State_NoSnapshotYet_EmptyListsAndSequenceMinusOne()
    {
        using var admin = await PortalClient.AdminAsync(factory);
        var host = await admin.CreateHostAsync();

        var state = await admin.GetAsync<HostStateView>($"/api/hosts/{host.Name}/state");

        Assert.Equal((-1L, false, 0, 0, 0), (state.Sequence, state.Summary.Online, state.Bridges.Count, state.Containers.Count, state.Rules.Count));
    }

    [Fact]
    public async Task State_UnknownHostOrAnonymous_404And401()
    {
        using var admin = await PortalClient.AdminAsync(factory);
        using var missing = await admin.Http.GetAsync("/api/hosts/no-such-host/state", TestContext.Current.CancellationToken);
        var host = await admin.CreateHostAsync();
        using var anonymous = PortalClient.Anonymous(factory);
        using var refused = await anonymous.Http.GetAsync($"/api/hosts/{host.Name}/state", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
    }

    [Fact]
    public async Task Watcher_ChainDelta_ReceivesOnlyTheChangedChain()
    {
        using var admin = await PortalClient.AdminAsync(factory);
        var host = await admin.CreateHostAsync();
        using var viewer = await PortalClient.WithRoleAsync(factory, Roles.Viewer);
        await using var browser = await TestBrowser.ConnectAsync(factory, viewer);
        await browser.Connection.InvokeAsync(LiveHubMethods.Watch, host.Name, TestContext.Current.CancellationToken);
        await using var agent = await TestAgent.ConnectAsync(factory, host.Token);
        await agent.SendAsync(AgentHubMethods.Snapshot, Snapshots.Classic(host.Name, 1));
        await browser.NextAsync(c => c.Host == host.Name && c.Sequence == 1);

        await agent.SendAsync(AgentHubMethods.Delta, new HostDelta(host.Name, 2, DateTimeOffset.UtcNow, Chains: [new ChainRules("nat", "DOCKER", [Dnat8080])]));

        var change = await browser.NextAsync(c => c.Host == host.Name && c.Sequence == 2);
        var chain = Assert.Single(change.Delta!.Chains!);
        Assert.Equal(("nat", "DOCKER"), (chain.Table, chain.Chain));
        Assert.Equal([Dnat8080], chain.Rules);
        Assert.Null(change.Delta.UpsertedContainers);
        Assert.Equal(3, change.Summary.Rules);
    }

    [Fact]
    public async Task Delta_RuleFiledUnderAnotherChain_DisconnectedAndNotApplied()
    {
        using var admin = await PortalClient.AdminAsync(factory);
        var host = await admin.CreateHostAsync();
        await using var agent = await TestAgent.ConnectAsync(factory, host.Token);
        await agent.SendAsync(AgentHubMethods.Snapshot, Snapshots.Classic(host.Name, 1));

        // The server aborts while handling the call, so the call itself may fail: either way the connection ends.
        await Record.ExceptionAsync(() => agent.SendAsync(AgentHubMethods.Delta,
            new HostDelta(host.Name, 2, DateTimeOffset.UtcNow, Chains: [new ChainRules("filter", "FORWARD", [Dnat8080])])));
        await agent.Closed.WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);

        var state = await admin.GetAsync<HostStateView>($"/api/hosts/{host.Name}/state");
        Assert.Equal(1, state.Sequence);
        Assert.Equal(Snapshots.Classic(host.Name).Rules, state.Rules);
    }
}
