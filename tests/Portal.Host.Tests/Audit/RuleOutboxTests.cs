using System.Text.Json;
using Microsoft.Extensions.Logging.Abstractions;
using Portal.Contracts.Model;
using Portal.Host.Outbox;

namespace Portal.Host.Tests.Audit;

public sealed class RuleOutboxTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static IReadOnlyList<RuleChange> One(string text, int index = 2) => [Rules.Change("nat", "DOCKER", ChangeKind.Added, text, index)];

    [Fact]
    public async Task Append_WritesOneFilePerBatchBeforeSending_NumberedFromOne()
    {
        using var folder = new TempStateFolder();
        var outbox = await folder.OpenOutboxAsync();

        var first = await outbox.AppendAsync(DateTimeOffset.UtcNow, One(Rules.Dnat), Ct);
        var second = await outbox.AppendAsync(DateTimeOffset.UtcNow, One(Rules.Accept), Ct);

        Assert.Equal((1L, 2L), (first.Batch, second.Batch));
        Assert.Equal(["0000000000000000001.json", "0000000000000000002.json"], folder.BatchFiles());
        var onDisk = JsonSerializer.Deserialize<RuleChangeBatch>(await File.ReadAllTextAsync(Path.Combine(folder.Outbox, "0000000000000000002.json"), Ct), PortalJson.Options)!;
        Assert.Equal(("docker1", outbox.Journal, 2L), (onDisk.Host, onDisk.Journal, onDisk.Batch));
        Assert.Equal(Rules.Accept, Assert.Single(onDisk.Changes).Text);
    }

    [Fact]
    public async Task Open_AfterCrashWithoutAck_SameJournalPendingInOrderAndNumbersContinue()
    {
        using var folder = new TempStateFolder();
        var before = await folder.OpenOutboxAsync();
        for (var i = 0; i < 3; i++)
        {
            await before.AppendAsync(DateTimeOffset.UtcNow, One($"-A DOCKER -j RETURN -m comment --comment c{i}"), Ct);
        }

        // A kill: nothing is closed or flushed; a fresh process opens the same folder.
        var after = await folder.OpenOutboxAsync();
        var next = await after.AppendAsync(DateTimeOffset.UtcNow, One(Rules.Dnat), Ct);

        Assert.Equal(before.Journal, after.Journal);
        Assert.Equal([1L, 2L, 3L, 4L], after.Pending());
        Assert.Equal(4, next.Batch);
        Assert.Equal((await File.ReadAllTextAsync(Path.Combine(folder.Path, "journal"), Ct)).Trim(), after.Journal.ToString());
    }

    [Fact]
    public async Task Journal_NewFolderNewJournal_SameFolderSameJournal()
    {
        using var one = new TempStateFolder();
        using var two = new TempStateFolder();

        var first = (await one.OpenAsync()).Journal;
        var again = (await one.OpenAsync()).Journal;
        var other = (await two.OpenAsync()).Journal;

        Assert.Equal(first, again);
        Assert.NotEqual(first, other);
        Assert.NotEqual(Guid.Empty, first);
    }

    [Fact]
    public async Task Sender_DeliversInOrder_AckDeletesFilesAndSavesAckedRules()
    {
        using var folder = new TempStateFolder();
        var outbox = await folder.OpenOutboxAsync();
        await outbox.StartFromAsync(Rules.Parse(Rules.Save()), null, Ct);
        await outbox.AppendAsync(DateTimeOffset.UtcNow, One(Rules.Dnat, 2), Ct);
        await outbox.AppendAsync(DateTimeOffset.UtcNow, [Rules.Change("filter", "DOCKER", ChangeKind.Added, Rules.Accept, 1)], Ct);
        var delivered = new List<long>();
        var sender = new OutboxSender(outbox, (b, _) => { delivered.Add(b.Batch); return Task.CompletedTask; }, () => true, () => null, NullLogger.Instance);

        Assert.Equal(2, await sender.DrainAsync(Ct));

        Assert.Equal([1L, 2L], delivered);
        Assert.Empty(folder.BatchFiles());
        var acked = AckedRules.Parse(await File.ReadAllTextAsync(Path.Combine(folder.Path, "acked.rules"), Ct))!;
        Assert.Equal(2, acked.Batch);
        var expected = Rules.Save([Rules.Dnat], [Rules.Accept]);
        Assert.Equal(Rules.Lines(expected, "nat"), Rules.Lines(acked.Text, "nat"));
        Assert.Equal(Rules.Lines(expected, "filter"), Rules.Lines(acked.Text, "filter"));

        // Numbers are never reused once their files are gone.
        var reopened = await folder.OpenOutboxAsync();
        Assert.Equal(3, (await reopened.AppendAsync(DateTimeOffset.UtcNow, One(Rules.Dnat), Ct)).Batch);
    }

    [Fact]
    public async Task Sender_DeliveryFails_StopsKeepsTheRestAndResendsFromThereInOrder()
    {
        using var folder = new TempStateFolder();
        var outbox = await folder.OpenOutboxAsync();
        await outbox.StartFromAsync(Rules.Parse(Rules.Save()), null, Ct);
        for (var i = 0; i < 4; i++)
        {
            await outbox.AppendAsync(DateTimeOffset.UtcNow, One($"-A DOCKER -j RETURN -m comment --comment c{i}", 2 + i), Ct);
        }

        var delivered = new List<long>();
        var serverUp = true;
        var sender = new OutboxSender(
            outbox,
            (b, _) =>
            {
                if (b.Batch == 3 && serverUp)
                {
                    serverUp = false;
                    throw new IOException("connection lost");
                }

                delivered.Add(b.Batch);
                return Task.CompletedTask;
            },
            () => true,
            () => null,
            NullLogger.Instance);

        Assert.Equal(2, await sender.DrainAsync(Ct));
        Assert.Equal(["0000000000000000003.json", "0000000000000000004.json"], folder.BatchFiles());
        Assert.Equal(2, await sender.DrainAsync(Ct));
        Assert.Equal([1L, 2L, 3L, 4L], delivered);
        Assert.Empty(folder.BatchFiles());
    }

    [Fact]
    public async Task Open_CorruptBatchFile_MovedAsideOthersStillSent()
    {
        using var folder = new TempStateFolder();
        var outbox = await folder.OpenOutboxAsync();
        await outbox.AppendAsync(DateTimeOffset.UtcNow, One(Rules.Dnat), Ct);
        await outbox.AppendAsync(DateTimeOffset.UtcNow, One(Rules.Accept), Ct);
        await outbox.AppendAsync(DateTimeOffset.UtcNow, One(Rules.Manual), Ct);
        await File.WriteAllTextAsync(Path.Combine(folder.Outbox, "0000000000000000002.json"), "{\"host\":\"docker1\",\"jour", Ct);
        await File.WriteAllTextAsync(Path.Combine(folder.Outbox, "stray.txt"), "?", Ct);
        await File.WriteAllTextAsync(Path.Combine(folder.Outbox, ".0000000000000000004.json.99.tmp"), "half", Ct);

        var reopened = await folder.OpenOutboxAsync();
        await reopened.StartFromAsync(Rules.Parse(Rules.Save()), null, Ct);
        var delivered = new List<RuleChangeBatch>();
        var sender = new OutboxSender(reopened, (b, _) => { delivered.Add(b); return Task.CompletedTask; }, () => true, () => null, NullLogger.Instance);
        await sender.DrainAsync(Ct);

        Assert.Equal([1L, 3L], delivered.Select(b => b.Batch));
        var aside = Directory.GetFiles(Path.Combine(folder.Path, "corrupt")).Select(Path.GetFileName).ToList();
        Assert.Contains(aside, f => f!.StartsWith("0000000000000000002.json", StringComparison.Ordinal));
        Assert.Contains(aside, f => f!.StartsWith("stray.txt", StringComparison.Ordinal));
        Assert.Empty(folder.BatchFiles());
        Assert.Equal(4, (await reopened.AppendAsync(DateTimeOffset.UtcNow, One(Rules.Dnat), Ct)).Batch);
    }

    [Fact]
    public async Task Open_CorruptAckedRules_MovedAsideNewJournalNoCrash()
    {
        using var folder = new TempStateFolder();
        var first = await folder.OpenOutboxAsync();
        await first.StartFromAsync(Rules.Parse(Rules.Save()), null, Ct);
        var acked = Path.Combine(folder.Path, "acked.rules");
        await File.WriteAllTextAsync(acked, (await File.ReadAllTextAsync(acked, Ct))[..40], Ct);

        var reopened = await folder.OpenOutboxAsync();

        Assert.Null(reopened.LoadedAcked);
        Assert.NotEqual(first.Journal, reopened.Journal);
        Assert.False(File.Exists(acked));
        Assert.NotEmpty(Directory.GetFiles(Path.Combine(folder.Path, "corrupt")));
    }

    [Fact]
    public async Task RecordedRules_AckedPlusPendingBatches_WhatTheHistoryEndsWith()
    {
        using var folder = new TempStateFolder();
        var outbox = await folder.OpenOutboxAsync();
        await outbox.StartFromAsync(Rules.Parse(Rules.Save()), null, Ct);
        await outbox.AppendAsync(DateTimeOffset.UtcNow, One(Rules.Dnat, 2), Ct);

        var reopened = await folder.OpenOutboxAsync();
        var recorded = await reopened.RecordedRulesAsync(Ct);

        Assert.Equal(Rules.Lines(Rules.Save([Rules.Dnat]), "nat"), Rules.Lines(recorded!.Render(), "nat"));
    }
}
