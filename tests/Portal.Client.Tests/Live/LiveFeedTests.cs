using Microsoft.Extensions.Logging.Abstractions;
using Portal.Client.Audit;
using Portal.Client.Live;
using Portal.Client.Services;
using Portal.Client.Tests.Fakes;
using Portal.Contracts.Api;
using Portal.Contracts.Intents;

namespace Portal.Client.Tests.Live;

public sealed class LiveFeedTests
{
    // Nothing listens on the discard port: the hub start fails at once, as when the server is down.
    private static readonly LiveFeedOptions Unreachable = new() { HubUrl = new Uri("http://127.0.0.1:9/hubs/live") };

    [Fact]
    public async Task SubscribeHostAsync_HubDown_StillReturnsRestState()
    {
        var api = new FakePortalApi(new AuthState()) { Hosts = [ClassicPicture.Summary("docker1", true, 2)] };
        api.Containers["docker1"] = [ClassicPicture.Web, ClassicPicture.Client];
        api.Bridges["docker1"] = [ClassicPicture.Docker0];
        await using var feed = new LiveFeed(api, Unreachable, NullLogger<LiveFeed>.Instance);
        using var cts = new CancellationTokenSource();

        var subscription = await feed.SubscribeHostAsync("docker1", cts.Token);

        Assert.Equal(["client", "web"], subscription.State.Containers.Select(c => c.Name));
        Assert.Equal("docker0", Assert.Single(subscription.State.Bridges).Name);
        Assert.True(subscription.State.Summary!.Online);
        Assert.Equal(["docker1"], api.StateCalls);
        await cts.CancelAsync();
    }

    [Fact]
    public async Task Subscription_TokenCancelled_RemovedAndStreamEnds()
    {
        var api = new FakePortalApi(new AuthState()) { Hosts = [ClassicPicture.Summary("docker1", true, 0)] };
        await using var feed = new LiveFeed(api, Unreachable, NullLogger<LiveFeed>.Instance);
        using var first = new CancellationTokenSource();
        using var second = new CancellationTokenSource();
        var subscription = await feed.SubscribeHostsAsync(first.Token);
        await feed.SubscribeHostsAsync(second.Token);
        Assert.Equal(2, feed.SubscriberCount(LiveHubMethods.AllHosts));
        var reading = subscription.Changes.ToListAsync(TestContext.Current.CancellationToken).AsTask();

        await first.CancelAsync();

        Assert.Equal(1, feed.SubscriberCount(LiveHubMethods.AllHosts));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => reading);
        await second.CancelAsync();
        Assert.Equal(0, feed.SubscriberCount(LiveHubMethods.AllHosts));
    }

    [Fact]
    public async Task SubscribeIntentsAsync_HubDown_RestListAndCancelRemovesFromHostGroup()
    {
        var api = new FakePortalApi(new AuthState())
        {
            Intents = [FakePortalApi.SampleIntent(1, IntentStatus.Applied, "docker1"), FakePortalApi.SampleIntent(2, IntentStatus.Failed, "docker2")],
        };
        await using var feed = new LiveFeed(api, Unreachable, NullLogger<LiveFeed>.Instance);
        using var cts = new CancellationTokenSource();

        var subscription = await feed.SubscribeIntentsAsync("docker2", cts.Token);

        Assert.Equal([2L], subscription.Intents.Select(i => i.Id));
        Assert.Equal(1, feed.SubscriberCount("docker2"));
        await cts.CancelAsync();
        Assert.Equal(0, feed.SubscriberCount("docker2"));
    }

    [Fact]
    public async Task SubscribeAuditAsync_NoHostFilter_WatchesAllHostsWithNewestPage()
    {
        var api = new FakePortalApi(new AuthState()) { Audit = AuditRows.Story() };
        await using var feed = new LiveFeed(api, Unreachable, NullLogger<LiveFeed>.Instance);
        using var cts = new CancellationTokenSource();

        var subscription = await feed.SubscribeAuditAsync(new AuditQuery(Cause: "docker", Before: 3), cts.Token);

        // The live page always starts at the newest rows, whatever page it was on.
        Assert.Equal([3L, 2L, 1L], subscription.Entries.Select(e => e.Id));
        Assert.Null(api.AuditQueries.Single().Before);
        Assert.Equal(1, feed.SubscriberCount(LiveHubMethods.AllHosts));
        await cts.CancelAsync();
        Assert.Equal(0, feed.SubscriberCount(LiveHubMethods.AllHosts));
    }
}
