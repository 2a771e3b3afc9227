using Microsoft.AspNetCore.SignalR.Client;
using Portal.Contracts.Agent;
using Portal.Contracts.Api;
using Portal.Contracts.Model;
using Portal.Server.Tests.Infrastructure;

namespace Portal.Server.Tests;

public sealed class LiveHubTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    [Fact]
    public async Task WatchHost_AgentDelta_BrowserReceivesHostChanged()
    {
        using var admin = await PortalClient.AdminAsync(factory);
        var host = await admin.CreateHostAsync();
        using var viewer = await PortalClient.WithRoleAsync(factory, Roles.Viewer);
        await using var browser = await TestBrowser.ConnectAsync(factory, viewer);
        await browser.Connection.InvokeAsync(LiveHubMethods.Watch, host.Name, TestContext.Current.CancellationToken);
        await using var agent = await TestAgent.ConnectAsync(factory, host.Token);

        await agent.SendAsync(AgentHubMethods.Snapshot, Snapshots.Classic(host.Name, 1));
        var resync = await browser.NextAsync(c => c.Host == host.Name && c.Sequence == 1);
        Assert.True(resync.Resync);
        var db = Snapshots.Container("db", "d00d", "172.17.0.3");
        await agent.SendAsync(AgentHubMethods.Delta, new HostDelta(host.Name, 2, DateTimeOffset.UtcNow, UpsertedContainers: [db]));

        var change = await browser.NextAsync(c => c.Host == host.Name && c.Sequence == 2);
        Assert.False(change.Resync);
        Assert.Equal("db", Assert.Single(change.Delta!.UpsertedContainers!).Name);
        Assert.Equal(2, change.Summary.Containers);
        Assert.True(change.Summary.Online);
    }

    [Fact]
    public async Task WatchAll_AgentConnectsAndLeaves_SummariesOnlineThenOffline()
    {
        using var admin = await PortalClient.AdminAsync(factory);
        var host = await admin.CreateHostAsync();
        using var viewer = await PortalClient.WithRoleAsync(factory, Roles.Viewer);
        await using var browser = await TestBrowser.ConnectAsync(factory, viewer);
        await browser.Connection.InvokeAsync(LiveHubMethods.Watch, LiveHubMethods.AllHosts, TestContext.Current.CancellationToken);

        var agent = await TestAgent.ConnectAsync(factory, host.Token);
        await agent.SendAsync(AgentHubMethods.Snapshot, Snapshots.Classic(host.Name));
        var online = await browser.NextAsync(c => c.Host == host.Name && c.Summary.Online);
        Assert.Null(online.Delta);
        await agent.DisposeAsync();
        await browser.NextAsync(c => c.Host == host.Name && !c.Summary.Online);
    }

    [Fact]
    public async Task Unwatched_AgentDelta_NothingForThatHost()
    {
        using var admin = await PortalClient.AdminAsync(factory);
        var watched = await admin.CreateHostAsync();
        var other = await admin.CreateHostAsync();
        using var viewer = await PortalClient.WithRoleAsync(factory, Roles.Viewer);
        await using var browser = await TestBrowser.ConnectAsync(factory, viewer);
        await browser.Connection.InvokeAsync(LiveHubMethods.Watch, watched.Name, TestContext.Current.CancellationToken);

        await using var otherAgent = await TestAgent.ConnectAsync(factory, other.Token);
        await otherAgent.SendAsync(AgentHubMethods.Snapshot, Snapshots.Classic(other.Name));
        await using var watchedAgent = await TestAgent.ConnectAsync(factory, watched.Token);
        await watchedAgent.SendAsync(AgentHubMethods.Snapshot, Snapshots.Classic(watched.Name));

        // Messages on one connection arrive in order: the watched host's change came after the other's would have.
        await browser.NextAsync(c => c.Host == watched.Name);
        Assert.DoesNotContain(Drain(browser), c => c.Host == other.Name);
    }

    private static List<HostChange> Drain(TestBrowser browser)
    {
        var changes = new List<HostChange>();
        while (browser.Changes.Reader.TryRead(out var change))
        {
            changes.Add(change);
        }

        return changes;
    }
}
