using Microsoft.Extensions.Logging.Abstractions;
using Portal.Contracts.Model;
using Portal.Core.Ownership;
using Portal.Host.Audit;
using Portal.Host.Outbox;

namespace Portal.Host.Tests.Audit;

public sealed class StartupDiffTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static readonly Bridge Docker0 = new("docker0", "bridge", "n1", "172.17.0.0/16", "172.17.0.1", false, true, 1500, []);

    private static readonly Container Web = new(
        "c1", "web", "busybox", "running", "web",
        [new Endpoint("bridge", "172.17.0.2", "02:42:ac:11:00:02", [])],
        [new PortBinding(80, "tcp", "0.0.0.0", 8080)], ["80/tcp"], [], [], []);

    private static RuleHistoryRecorder Recorder(RuleOutbox outbox, List<RuleChangeBatch> sent, DateTimeOffset? dockerStarted) =>
        new(
            outbox,
            new OutboxSender(outbox, (b, _) => { sent.Add(b); return Task.CompletedTask; }, () => true, () => dockerStarted, NullLogger.Instance),
            new EngineEventLog(),
            ICommandWindows.None,
            () => dockerStarted,
            NullLogger.Instance);

    private static HostSnapshot View() =>
        new("docker1", 0, DateTimeOffset.UtcNow, "20.10.24", "nf_tables", [Docker0], [Web], []);

    [Fact]
    public async Task Start_NewFolder_HistoryStartsHereWithoutABatch()
    {
        using var folder = new TempStateFolder();
        var outbox = await folder.OpenOutboxAsync();

        var batch = await Recorder(outbox, [], null).StartAsync(Rules.Parse(Rules.Save([Rules.Dnat])), View(), Ct);

        Assert.Null(batch);
        Assert.Empty(folder.BatchFiles());
        var acked = AckedRules.Parse(await File.ReadAllTextAsync(Path.Combine(folder.Path, "acked.rules"), Ct))!;
        Assert.Equal(Rules.Lines(Rules.Save([Rules.Dnat]), "nat"), Rules.Lines(acked.Text, "nat"));
    }

    [Fact]
    public async Task Start_RulesChangedWhileDown_OneExternalBatchWithPositions()
    {
        using var folder = new TempStateFolder();
        var first = await folder.OpenOutboxAsync();
        var started = DateTimeOffset.UtcNow.AddHours(-1);
        await Recorder(first, [], started).StartAsync(Rules.Parse(Rules.Save(auditChain: [Rules.Manual])), View(), Ct);

        var outbox = await folder.OpenOutboxAsync();
        var now = Rules.Save(auditChain: ["-A aud-test -j ACCEPT", Rules.Manual]);
        var batch = await Recorder(outbox, [], started).StartAsync(Rules.Parse(now), View(), Ct);

        var change = Assert.Single(batch!.Changes);
        Assert.Equal(("filter", "aud-test", ChangeKind.Added, "-A aud-test -j ACCEPT", 1), (change.Table, change.Chain, change.Change, change.Text, change.Index));
        Assert.Equal(ChangeCause.External, change.Cause);
        Assert.Equal(["0000000000000000001.json"], folder.BatchFiles());
    }

    [Fact]
    public async Task Start_PendingBatchNotAcked_NotRecordedTwice()
    {
        using var folder = new TempStateFolder();
        var first = await folder.OpenOutboxAsync();
        await first.StartFromAsync(Rules.Parse(Rules.Save()), null, Ct);
        // Recorded before the kill but never acknowledged: the host already has it.
        await first.AppendAsync(DateTimeOffset.UtcNow, [Rules.Change("nat", "DOCKER", ChangeKind.Added, Rules.Dnat, 2)], Ct);

        var outbox = await folder.OpenOutboxAsync();
        var sent = new List<RuleChangeBatch>();
        var recorder = Recorder(outbox, sent, null);
        var batch = await recorder.StartAsync(Rules.Parse(Rules.Save([Rules.Dnat], auditChain: [Rules.Manual])), View(), Ct);
        await new OutboxSender(outbox, (b, _) => { sent.Add(b); return Task.CompletedTask; }, () => true, () => null, NullLogger.Instance).DrainAsync(Ct);

        Assert.Equal(Rules.Manual, Assert.Single(batch!.Changes).Text);
        Assert.Equal([1L, 2L], sent.Select(b => b.Batch));
        Assert.Equal(Rules.Dnat, Assert.Single(sent[0].Changes).Text);
    }

    [Fact]
    public async Task Start_DockerdRestartedMeanwhile_DockersRulesDockerOthersExternal()
    {
        using var folder = new TempStateFolder();
        var first = await folder.OpenOutboxAsync();
        await Recorder(first, [], DateTimeOffset.UtcNow.AddHours(-2)).StartAsync(Rules.Parse(Rules.Save()), View(), Ct);

        var outbox = await folder.OpenOutboxAsync();
        var now = Rules.Save([Rules.Dnat], auditChain: [Rules.Manual]);
        var batch = await Recorder(outbox, [], DateTimeOffset.UtcNow).StartAsync(Rules.Parse(now), View(), Ct);

        var dnat = batch!.Changes.Single(c => c.Text == Rules.Dnat);
        Assert.Equal(new ChangeCause(CauseKind.Docker, Action: "daemon start", Container: "web"), dnat.Cause);
        Assert.Equal((RuleOwnerKind.Port, "web"), (dnat.Owner.Kind, dnat.Owner.Container));
        Assert.Equal(ChangeCause.External, batch.Changes.Single(c => c.Text == Rules.Manual).Cause);
    }

    [Theory]
    [InlineData(0, null, 10, false)]
    [InlineData(0, 0, -10, false)]
    [InlineData(5, 0, -10, true)]
    [InlineData(5, null, 1, true)]
    [InlineData(-5, null, 1, false)]
    public void DockerRestarted_StartTimes_Decides(int startedMinutes, int? savedStartedMinutes, int savedAtMinutes, bool restarted)
    {
        var epoch = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

        var result = StartupDiff.DockerRestarted(
            epoch.AddMinutes(startedMinutes),
            savedStartedMinutes is { } s ? epoch.AddMinutes(s) : null,
            epoch.AddMinutes(savedAtMinutes));

        Assert.Equal(restarted, result);
        Assert.False(StartupDiff.DockerRestarted(null, epoch, epoch));
    }
}
