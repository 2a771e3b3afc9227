using Portal.Core.Iptables;
using Portal.Host.Agent;
using Portal.Host.Iptables;

namespace Portal.Host.Tests.Agent;

/// <summary>
/// The agent's one inbox is bounded, yet a slow worker loses nothing that matters: rule observations wait for room and
/// arrive all and in order (the last one's rules are the current ones), and a refresh or snapshot request posted while
/// it is full still reaches the next round.
/// </summary>
public sealed class AgentInboxTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task WriteAsync_SlowWorker_InboxNeverAboveCapacityAndEveryObservationArrivesInOrder()
    {
        var inbox = new AgentInbox(capacity: 8);
        const int total = 200;
        var peak = 0;
        var producer = Task.Run(
            async () =>
            {
                for (var i = 1; i <= total; i++)
                {
                    await inbox.WriteAsync(new AgentWork.Rules(Observation(i)), Ct);
                    peak = Math.Max(peak, inbox.Count);
                }
            },
            Ct);

        var seen = new List<int>();
        var rounds = 0;
        while (seen.Count < total)
        {
            // A worker much slower than the watcher: each round takes 10 ms.
            var round = await inbox.ReadRoundAsync(TimeSpan.FromMilliseconds(1), Ct);
            seen.AddRange(round.Observations.Select(Marker));
            rounds++;
            await Task.Delay(10, Ct);
        }

        await producer;
        Assert.Equal(Enumerable.Range(1, total), seen);
        Assert.InRange(peak, 1, 8);
        Assert.InRange(rounds, total / 8, total);
        Assert.Equal(0, inbox.Count);
    }

    [Fact]
    public async Task WriteAsync_InboxFull_WaitsUntilTheWorkerTakesARound()
    {
        var inbox = new AgentInbox(capacity: 4);
        for (var i = 1; i <= 4; i++)
        {
            await inbox.WriteAsync(new AgentWork.Rules(Observation(i)), Ct);
        }

        var fifth = inbox.WriteAsync(new AgentWork.Rules(Observation(5)), Ct).AsTask();
        await Task.Delay(50, Ct);
        Assert.False(fifth.IsCompleted);
        Assert.Equal(4, inbox.Count);

        var first = await inbox.ReadRoundAsync(TimeSpan.Zero, Ct);
        await fifth.WaitAsync(TimeSpan.FromSeconds(5), Ct);
        var second = await inbox.ReadRoundAsync(TimeSpan.Zero, Ct);
        Assert.Equal([1, 2, 3, 4, 5], first.Observations.Concat(second.Observations).Select(Marker));
    }

    [Fact]
    public async Task Post_InboxFull_RefreshAndSnapshotRequestReachTheNextRound()
    {
        var inbox = new AgentInbox(capacity: 2);
        await inbox.WriteAsync(new AgentWork.Rules(Observation(1)), Ct);
        await inbox.WriteAsync(new AgentWork.Rules(Observation(2)), Ct);

        // Posting never waits, even on a full inbox (engine events arrive on a callback that cannot).
        inbox.Post(new AgentWork.Refresh("container start web"));
        inbox.Post(new AgentWork.SendSnapshot("server asked"));
        Assert.Equal(2, inbox.Count);

        var round = await inbox.ReadRoundAsync(TimeSpan.Zero, Ct);
        Assert.Equal(new AgentRound(true, "server asked", round.Observations), round);
        Assert.Equal([1, 2], round.Observations.Select(Marker));
    }

    [Fact]
    public async Task ReadRoundAsync_Burst_FoldedIntoOneRound()
    {
        var inbox = new AgentInbox();
        inbox.Post(new AgentWork.SendSnapshot("connected"));
        inbox.Post(new AgentWork.Refresh("network create appnet"));
        await inbox.WriteAsync(new AgentWork.Rules(Observation(7)), Ct);
        inbox.Post(new AgentWork.SendSnapshot("reconnected"));

        var round = await inbox.ReadRoundAsync(TimeSpan.FromMilliseconds(15), Ct);

        Assert.True(round.Refresh);
        Assert.Equal("reconnected", round.SnapshotReason);
        Assert.Equal([7], round.Observations.Select(Marker));
        Assert.Equal(0, inbox.Count);
    }

    [Fact]
    public async Task ReadRoundAsync_Cancelled_ThrowsAtOnce()
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        var reading = new AgentInbox().ReadRoundAsync(TimeSpan.Zero, stop.Token);
        await stop.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => reading);
    }

    /// <summary>An observation numbered by its time (seconds after the epoch), to check order and which one came last.</summary>
    private static RuleObservation Observation(int n)
    {
        var before = RulesetParser.Parse("*filter\n:T - [0:0]\nCOMMIT\n");
        var after = RulesetParser.Parse("*filter\n:T - [0:0]\n-A T -j RETURN\nCOMMIT\n");
        return new RuleObservation(DateTimeOffset.UnixEpoch.AddSeconds(n), before, after, RulesetDiffer.Diff(before, after), []);
    }

    private static int Marker(RuleObservation observation) => (int)(observation.At - DateTimeOffset.UnixEpoch).TotalSeconds;
}
