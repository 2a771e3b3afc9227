using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Logging.Abstractions;
using Portal.Client.Audit;
using Portal.Client.Live;
using Portal.Client.Services;
using Portal.Client.Tests.Fakes;
using Portal.Contracts.Api;
using Portal.Contracts.Flows;
using Portal.Contracts.Intents;
using Portal.Contracts.Model;
using static Portal.Client.Tests.Fakes.AuditRows;

namespace Portal.Client.Tests.Live;

/// <summary>The feed against a real SignalR hub: what the server pushes reaches the subscriptions that want it.</summary>
public sealed class LiveFeedHubTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task AuditAppended_FromHub_OnlyRowsPassingTheFiltersReachTheSubscription()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var hub = await HubServer.StartAsync(ct);
        var api = new FakePortalApi(new AuthState()) { Audit = [Row(1, 0, DockerStartWeb)] };
        await using var feed = new LiveFeed(api, new LiveFeedOptions { HubUrl = hub.HubUrl }, NullLogger<LiveFeed>.Instance);
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(ct);

        var subscription = await feed.SubscribeAuditAsync(new AuditQuery(Host: "docker1", Cause: "portal"), cts.Token);
        await hub.WatchedAsync("docker1").WaitAsync(Patience, ct);
        IReadOnlyList<AuditEntryView> pushed = [Row(2, 1, DockerStartWeb), Row(3, 2, Portal12), Row(4, 3, Portal12, host: "docker2")];
        await hub.Hub.Clients.Group("docker1").SendAsync(LiveHubMethods.AuditAppended, pushed, ct);

        await using var batches = subscription.Appended.GetAsyncEnumerator(cts.Token);
        Assert.True(await batches.MoveNextAsync().AsTask().WaitAsync(Patience, ct));
        Assert.Equal([3L], batches.Current.Select(e => e.Id));
        Assert.Equal("alice", batches.Current[0].Cause.User);
        await cts.CancelAsync();
    }

    [Fact]
    public async Task IntentChanged_FromHub_ReachesAllHostsSubscriptionWithItsFields()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var hub = await HubServer.StartAsync(ct);
        var api = new FakePortalApi(new AuthState());
        await using var feed = new LiveFeed(api, new LiveFeedOptions { HubUrl = hub.HubUrl }, NullLogger<LiveFeed>.Instance);
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(ct);

        var subscription = await feed.SubscribeIntentsAsync(null, cts.Token);
        await hub.WatchedAsync(LiveHubMethods.AllHosts).WaitAsync(Patience, ct);
        var failed = FakePortalApi.SampleIntent(7, IntentStatus.Failed, "docker2", "Cannot link to a non running container: /web");
        await hub.Hub.Clients.Group(LiveHubMethods.AllHosts).SendAsync(LiveHubMethods.IntentChanged, failed, ct);

        await using var batches = subscription.Changes.GetAsyncEnumerator(cts.Token);
        Assert.True(await batches.MoveNextAsync().AsTask().WaitAsync(Patience, ct));
        Assert.Equal(failed, Assert.Single(batches.Current));
        await cts.CancelAsync();
    }

    [Fact]
    public async Task HostChanged_DeltaThenResync_FoldedThenOneStateCallRebuildsThePicture()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var hub = await HubServer.StartAsync(ct);
        var api = new FakePortalApi(new AuthState()) { Hosts = [ClassicPicture.Summary("docker1", true, 2)], Sequence = 4 };
        api.Containers["docker1"] = [ClassicPicture.Web, ClassicPicture.Client];
        await using var feed = new LiveFeed(api, new LiveFeedOptions { HubUrl = hub.HubUrl }, NullLogger<LiveFeed>.Instance);
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var subscription = await feed.SubscribeHostAsync("docker1", cts.Token);
        await hub.WatchedAsync("docker1").WaitAsync(Patience, ct);
        await using var batches = subscription.Changes.GetAsyncEnumerator(cts.Token);
        var state = subscription.State;

        var stopped = ClassicPicture.Web with { State = "exited" };
        await hub.Hub.Clients.Group("docker1").SendAsync(LiveHubMethods.HostChanged, new HostChange("docker1", 5, ClassicPicture.Summary("docker1", true, 2),
            Delta: new HostDelta("docker1", 5, DateTimeOffset.UtcNow, UpsertedContainers: [stopped])), ct);
        Assert.True(await batches.MoveNextAsync().AsTask().WaitAsync(Patience, ct));
        state = state.Apply(batches.Current);
        Assert.Equal("exited", state.FindContainer("web")!.State);

        // The server says "resync" (the agent sent a new snapshot): the feed asks for the whole state once.
        api.Containers["docker1"] = [ClassicPicture.Db];
        api.Sequence = 1;
        await hub.Hub.Clients.Group("docker1").SendAsync(LiveHubMethods.HostChanged, new HostChange("docker1", 1, ClassicPicture.Summary("docker1", true, 1), Resync: true), ct);
        Assert.True(await batches.MoveNextAsync().AsTask().WaitAsync(Patience, ct));
        state = state.Apply(batches.Current);

        Assert.Equal(["db"], state.Containers.Select(c => c.Name));
        Assert.Equal(1, state.Snapshot.Sequence);
        Assert.Equal(["docker1", "docker1"], api.StateCalls);
        await cts.CancelAsync();
    }

    [Fact]
    public async Task FlowsChanged_FromHub_WatchedHostsEdgesReachTheFlowSubscription_OtherHostsIgnored()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var hub = await HubServer.StartAsync(ct);
        var api = new FakePortalApi(new AuthState());
        api.Flows["docker1"] = [FlowPicture.WebToApi with { LastSeen = DateTimeOffset.UtcNow }];
        await using var feed = new LiveFeed(api, new LiveFeedOptions { HubUrl = hub.HubUrl }, NullLogger<LiveFeed>.Instance);
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(ct);

        var before = DateTimeOffset.UtcNow;
        var subscription = await feed.SubscribeFlowsAsync("docker1", TimeSpan.FromMinutes(15), cts.Token);
        await hub.WatchedAsync("docker1").WaitAsync(Patience, ct);
        Assert.Equal(40, Assert.Single(subscription.Edges).Count);
        var (host, since) = Assert.Single(api.FlowCalls);
        Assert.Equal("docker1", host);
        Assert.InRange(since, before.AddMinutes(-15).AddSeconds(-1), DateTimeOffset.UtcNow.AddMinutes(-15));

        var moved = FlowPicture.WebToApi with { Count = 41, LastSeen = DateTimeOffset.UtcNow };
        await hub.Hub.Clients.Group("docker1").SendAsync(LiveHubMethods.FlowsChanged, new FlowsChange("docker2", [FlowPicture.ApiToDb]), ct);
        await hub.Hub.Clients.Group("docker1").SendAsync(LiveHubMethods.FlowsChanged, new FlowsChange("docker1", [moved]), ct);

        await using var batches = subscription.Changes.GetAsyncEnumerator(cts.Token);
        Assert.True(await batches.MoveNextAsync().AsTask().WaitAsync(Patience, ct));
        Assert.Equal(moved, Assert.Single(batches.Current));
        await cts.CancelAsync();
        Assert.Equal(0, feed.SubscriberCount("docker1"));
    }
}
