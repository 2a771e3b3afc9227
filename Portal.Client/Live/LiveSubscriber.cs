using System.Threading.Channels;

namespace Portal.Client.Live;

/// <summary>
/// One page's subscription inside <see cref="LiveFeed"/>: its own channel, so a slow page never holds up another,
/// and the way to fetch its whole picture again. Items are lists so a reload (marker plus hosts) stays in one batch.
/// <paramref name="select"/> picks what this page wants from a hub message (null: not for it);
/// <paramref name="needsReload"/> says when a message means "throw away what you hold" (a host resync).
/// </summary>
internal sealed class LiveSubscriber<T>(
    string group,
    Func<object, IReadOnlyList<T>?> select,
    Func<object, bool> needsReload,
    Func<CancellationToken, Task<IReadOnlyList<T>>> reload) : ILiveSubscriber
{
    private readonly Channel<IReadOnlyList<T>> _channel =
        Channel.CreateUnbounded<IReadOnlyList<T>>(new UnboundedChannelOptions { SingleReader = true });

    public string Group { get; } = group;

    public CancellationTokenRegistration Registration { get; set; }

    public CancellationToken Token { get; set; }

    public bool Offer(object message)
    {
        if (needsReload(message))
        {
            return true;
        }

        if (select(message) is { Count: > 0 } items)
        {
            _channel.Writer.TryWrite(items);
        }

        return false;
    }

    public async Task ReloadAsync() => _channel.Writer.TryWrite(await reload(Token));

    public void Complete() => _channel.Writer.TryComplete();

    public async IAsyncEnumerable<IReadOnlyList<T>> ReadAsync(
        TimeSpan minInterval,
        TimeProvider time,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var batch in ChangeBatches.ReadAsync(_channel.Reader, minInterval, time, cancellationToken))
        {
            yield return batch.SelectMany(items => items).ToList();
        }
    }
}
