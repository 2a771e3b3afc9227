using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Logging.Abstractions;
using Portal.Client.Audit;
using Portal.Client.Live;
using Portal.Client.Services;
using Portal.Client.Tests.Fakes;
using Portal.Core.Api;
using Portal.Core.Intents;
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
}
