using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Portal.Contracts.Agent;
using Portal.Contracts.Api;
using Portal.Server.Tests.Infrastructure;

namespace Portal.Server.Tests;

/// <summary>The agent's first call: the server names the host from the token and checks a name the agent was given.</summary>
public sealed class AgentHelloTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    [Fact]
    public async Task Hello_NoHostGiven_ServerNamesTheTokensHost()
    {
        using var admin = await PortalClient.AdminAsync(factory);
        var host = await admin.CreateHostAsync();
        await using var agent = await TestAgent.ConnectAsync(factory, host.Token);

        var welcome = await agent.Connection.InvokeAsync<AgentWelcome>(
            AgentHubMethods.Hello, new AgentHello(null, AgentProtocol.Current), TestContext.Current.CancellationToken);

        Assert.Equal(host.Name, welcome.Host);
        await agent.SendAsync(AgentHubMethods.Snapshot, Snapshots.Classic(welcome.Host));
        Assert.True((await admin.GetAsync<HostSummary>($"/api/hosts/{host.Name}")).Online);
    }

    [Fact]
    public async Task Hello_MatchingHostInOtherCase_Welcomed()
    {
        using var admin = await PortalClient.AdminAsync(factory);
        var host = await admin.CreateHostAsync();
        await using var agent = await TestAgent.ConnectAsync(factory, host.Token);

        var welcome = await agent.Connection.InvokeAsync<AgentWelcome>(
            AgentHubMethods.Hello, new AgentHello(host.Name.ToUpperInvariant(), AgentProtocol.Current), TestContext.Current.CancellationToken);

        Assert.Equal(host.Name, welcome.Host);
    }

    [Fact]
    public async Task Hello_OtherHostGiven_RefusedWithReasonShownOnTheHostUntilASnapshotIsAccepted()
    {
        using var admin = await PortalClient.AdminAsync(factory);
        var host = await admin.CreateHostAsync();
        await using var agent = await TestAgent.ConnectAsync(factory, host.Token);

        var refusal = await Assert.ThrowsAsync<HubException>(() => agent.Connection.InvokeAsync<AgentWelcome>(
            AgentHubMethods.Hello, new AgentHello("x", AgentProtocol.Current), TestContext.Current.CancellationToken));

        var reason = $"token is for host '{host.Name}', --host says 'x'";
        Assert.EndsWith(reason, refusal.Message);
        var summary = await admin.GetAsync<HostSummary>($"/api/hosts/{host.Name}");
        Assert.Equal((false, reason), (summary.Online, summary.LastError));
        var row = Assert.Single(await admin.GetAsync<List<HostSummary>>("/api/hosts"), h => h.Name == host.Name);
        Assert.Equal(reason, row.LastError);

        await using var fixedAgent = await TestAgent.ConnectAsync(factory, host.Token);
        await fixedAgent.SendAsync(AgentHubMethods.Snapshot, Snapshots.Classic(host.Name));
        Assert.Null((await admin.GetAsync<HostSummary>($"/api/hosts/{host.Name}")).LastError);
    }

    [Fact]
    public async Task Snapshot_ForAnotherHost_ReasonShownOnTheHost()
    {
        using var admin = await PortalClient.AdminAsync(factory);
        var host = await admin.CreateHostAsync();
        await using var agent = await TestAgent.ConnectAsync(factory, host.Token);

        await Record.ExceptionAsync(() => agent.SendAsync(AgentHubMethods.Snapshot, Snapshots.Classic("someoneelse")));
        await agent.Closed.WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);

        var summary = await admin.GetAsync<HostSummary>($"/api/hosts/{host.Name}");
        Assert.Equal($"malformed Snapshot: snapshot for host 'someoneelse' on the token of '{host.Name}'", summary.LastError);
    }

    [Fact]
    public async Task Hello_OlderProtocol_RefusedWithBothVersionsShownOnTheHost()
    {
        using var admin = await PortalClient.AdminAsync(factory);
        var host = await admin.CreateHostAsync();
        await using var agent = TestAgent.Create(factory, host.Token);
        await agent.Connection.StartAsync(TestContext.Current.CancellationToken);

        var refusal = await Assert.ThrowsAsync<HubException>(() => agent.HelloAsync(protocol: AgentProtocol.Unversioned));

        Assert.EndsWith("agent speaks protocol 1, server needs 4", refusal.Message);
        Assert.Equal("agent speaks protocol 1, server needs 4", (await admin.GetAsync<HostSummary>($"/api/hosts/{host.Name}")).LastError);
    }

    [Fact]
    public async Task Snapshot_WithoutHello_RefusedAsTheUnversionedProtocol_NothingStored()
    {
        using var admin = await PortalClient.AdminAsync(factory);
        var host = await admin.CreateHostAsync();
        await using var agent = TestAgent.Create(factory, host.Token);
        await agent.Connection.StartAsync(TestContext.Current.CancellationToken);

        await Record.ExceptionAsync(() => agent.SendAsync(AgentHubMethods.Snapshot, Snapshots.Classic(host.Name)));
        await agent.Closed.WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);

        var summary = await admin.GetAsync<HostSummary>($"/api/hosts/{host.Name}");
        Assert.Equal(("agent speaks protocol 1, server needs 4", 0), (summary.LastError, summary.Containers));
    }
}
