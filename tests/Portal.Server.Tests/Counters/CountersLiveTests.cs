using System.Diagnostics;
using System.Threading.Channels;
using Microsoft.AspNetCore.SignalR.Client;
using Portal.Contracts.Agent;
using Portal.Contracts.Api;
using Portal.Contracts.Model;
using Portal.Server.Counters;
using Portal.Server.Tests.Infrastructure;

namespace Portal.Server.Tests.Counters;

public sealed class CountersLiveTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    private static RuleCounter Counter(int index, long packets) =>
        new("filter", "DOCKER-USER", index, $"-A DOCKER-USER -s 10.0.0.{index}/32 -j DROP", false, packets, packets * 100);

    [Fact]
    public async Task Watch_BatchesWithinASecond_OnePushAtOnceThenOneMergedPushASecondLater()
    {
        using var admin = await PortalClient.AdminAsync(factory);
        var host = await admin.CreateHostAsync();
        using var viewer = await PortalClient.WithRoleAsync(factory, Roles.Viewer);
        await using var browser = await TestBrowser.ConnectAsync(factory, viewer);
        var pushes = Channel.CreateUnbounded<(TimeSpan At, CountersChange Change)>();
        var clock = Stopwatch.StartNew();
        browser.Connection.On<CountersChange>(LiveHubMethods.CountersChanged, c => pushes.Writer.TryWrite((clock.Elapsed, c)));
        await browser.Connection.InvokeAsync(LiveHubMethods.Watch, host.Name, TestContext.Current.CancellationToken);
        await using var agent = await TestAgent.ConnectAsync(factory, host.Token);

        // Five batches 100 ms apart: the first is pushed at once, the other four merge into one push a second after it.
        var sent = clock.Elapsed;
        await agent.SendAsync(AgentHubMethods.Counters, new RuleCounterBatch(host.Name, true, [Counter(1, 1), Counter(2, 0)]));
        for (var packets = 2; packets <= 5; packets++)
        {
            await Task.Delay(100, TestContext.Current.CancellationToken);
            await agent.SendAsync(AgentHubMethods.Counters, new RuleCounterBatch(host.Name, false, [Counter(1, packets)]));
        }

        // An unchanged count is no change: nothing to push.
        await agent.SendAsync(AgentHubMethods.Counters, new RuleCounterBatch(host.Name, false, [Counter(2, 0)]));
        var first = await NextAsync(pushes);
        var second = await NextAsync(pushes);
        await Task.Delay(CountersNotifier.Interval * 2, TestContext.Current.CancellationToken);

        Assert.Equal(host.Name, first.Change.Host);
        Assert.Equal([Counter(1, 1), Counter(2, 0)], first.Change.Counters);
        Assert.True(first.At - sent < TimeSpan.FromMilliseconds(800), $"the first push came after {first.At - sent}");
        Assert.Equal([Counter(1, 5)], second.Change.Counters);
        Assert.True(second.At - first.At >= TimeSpan.FromMilliseconds(900), $"two pushes {second.At - first.At} apart");
        Assert.False(pushes.Reader.TryRead(out var third), $"a third push: {third.Change?.Counters.Count}");
    }

    [Fact]
    public async Task Unwatched_Counters_NothingPushed()
    {
        using var admin = await PortalClient.AdminAsync(factory);
        var watched = await admin.CreateHostAsync();
        var other = await admin.CreateHostAsync();
        using var viewer = await PortalClient.WithRoleAsync(factory, Roles.Viewer);
        await using var browser = await TestBrowser.ConnectAsync(factory, viewer);
        var pushes = Channel.CreateUnbounded<CountersChange>();
        browser.Connection.On<CountersChange>(LiveHubMethods.CountersChanged, c => pushes.Writer.TryWrite(c));
        await browser.Connection.InvokeAsync(LiveHubMethods.Watch, watched.Name, TestContext.Current.CancellationToken);
        await using var otherAgent = await TestAgent.ConnectAsync(factory, other.Token);
        await using var watchedAgent = await TestAgent.ConnectAsync(factory, watched.Token);

        await otherAgent.SendAsync(AgentHubMethods.Counters, new RuleCounterBatch(other.Name, true, [Counter(1, 1)]));
        await watchedAgent.SendAsync(AgentHubMethods.Counters, new RuleCounterBatch(watched.Name, true, [Counter(1, 2)]));

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(10));
        Assert.Equal(watched.Name, (await pushes.Reader.ReadAsync(timeout.Token)).Host);
        await Task.Delay(CountersNotifier.Interval, TestContext.Current.CancellationToken);
        Assert.False(pushes.Reader.TryRead(out _));
    }

    private static async Task<(TimeSpan At, CountersChange Change)> NextAsync(Channel<(TimeSpan At, CountersChange Change)> pushes)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(10));
        return await pushes.Reader.ReadAsync(timeout.Token);
    }
}
