using System.Threading.Channels;
using Portal.Client.Live;

namespace Portal.Client.Tests.Live;

public sealed class ChangeBatchesTests
{
    [Fact]
    public async Task ReadAsync_ItemsWaiting_OneBatch()
    {
        var channel = Channel.CreateUnbounded<int>();
        channel.Writer.TryWrite(1);
        channel.Writer.TryWrite(2);
        channel.Writer.TryWrite(3);
        channel.Writer.Complete();

        var batches = await ChangeBatches.ReadAsync(channel.Reader, ChangeBatches.DefaultInterval, TimeProvider.System, TestContext.Current.CancellationToken)
            .ToListAsync(TestContext.Current.CancellationToken);

        Assert.Equal([1, 2, 3], Assert.Single(batches));
    }

    [Fact]
    public async Task ReadAsync_ItemsArrivingDuringTheInterval_JoinTheNextBatch()
    {
        var channel = Channel.CreateUnbounded<int>();
        await using var batches = ChangeBatches.ReadAsync(channel.Reader, TimeSpan.FromMilliseconds(200), TimeProvider.System, TestContext.Current.CancellationToken)
            .GetAsyncEnumerator(TestContext.Current.CancellationToken);
        channel.Writer.TryWrite(1);
        Assert.True(await batches.MoveNextAsync());
        Assert.Equal([1], batches.Current);

        var next = batches.MoveNextAsync();
        channel.Writer.TryWrite(2);
        channel.Writer.TryWrite(3);

        Assert.True(await next);
        Assert.Equal([2, 3], batches.Current);
    }

    [Fact]
    public async Task ReadAsync_Cancelled_Ends()
    {
        var channel = Channel.CreateUnbounded<int>();
        using var cts = new CancellationTokenSource();
        var reading = ChangeBatches.ReadAsync(channel.Reader, ChangeBatches.DefaultInterval, TimeProvider.System, cts.Token)
            .ToListAsync(TestContext.Current.CancellationToken).AsTask();

        await cts.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => reading);
    }
}
