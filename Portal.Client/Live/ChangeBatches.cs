using System.Runtime.CompilerServices;
using System.Threading.Channels;

namespace Portal.Client.Live;

/// <summary>
/// Reads a channel as batches: everything waiting at the time of a read is one batch, and two batches are at least
/// <c>minInterval</c> apart. A burst of agent deltas (a container start writes several rules) then costs one render.
/// </summary>
public static class ChangeBatches
{
    public static readonly TimeSpan DefaultInterval = TimeSpan.FromMilliseconds(100);

    public static async IAsyncEnumerable<IReadOnlyList<T>> ReadAsync<T>(
        ChannelReader<T> reader,
        TimeSpan minInterval,
        TimeProvider time,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        long? lastYield = null;
        while (await reader.WaitToReadAsync(cancellationToken))
        {
            if (lastYield is { } last)
            {
                var wait = minInterval - time.GetElapsedTime(last);
                if (wait > TimeSpan.Zero)
                {
                    // Waiting here (not before WaitToRead) lets the changes that arrive meanwhile join this batch.
                    await Task.Delay(wait, time, cancellationToken);
                }
            }

            var batch = new List<T>();
            while (reader.TryRead(out var item))
            {
                batch.Add(item);
            }

            if (batch.Count == 0)
            {
                continue;
            }

            lastYield = time.GetTimestamp();
            yield return batch;
        }
    }
}
