using System.Threading.Channels;
using Portal.Core.Api;

namespace Portal.Client.Live;

/// <summary>
/// One page's subscription inside <see cref="LiveFeed"/>: its own channel, so a slow page never holds up another,
/// and the way to fetch its whole picture again. Items are lists so a reload (marker plus hosts) stays in one batch.
/// </summary>
internal sealed class LiveSubscriber(string group, Func<CancellationToken, Task<IReadOnlyList<HostChange>>> reload)
{
    private readonly Channel<IReadOnlyList<HostChange>> _channel =
        Channel.CreateUnbounded<IReadOnlyList<HostChange>>(new UnboundedChannelOptions { SingleReader = true });

    public string Group { get; } = group;

    public CancellationTokenRegistration Registration { get; set; }

    public CancellationToken Token { get; set; }

    public Task<IReadOnlyList<HostChange>> ReloadAsync() => reload(Token);

    public void Write(IReadOnlyList<HostChange> changes) => _channel.Writer.TryWrite(changes);

    public void Complete() => _channel.Writer.TryComplete();

    public async IAsyncEnumerable<IReadOnlyList<HostChange>> ReadAsync(
        TimeSpan minInterval,
        TimeProvider time,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var batch in ChangeBatches.ReadAsync(_channel.Reader, minInterval, time, cancellationToken))
        {
            yield return batch.SelectMany(changes => changes).ToList();
        }
    }
}
