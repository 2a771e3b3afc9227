using Microsoft.Extensions.Logging.Abstractions;
using Portal.Client.Live;
using Portal.Client.Services;
using Portal.Client.Tests.Fakes;
using Portal.Core.Api;

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
}
