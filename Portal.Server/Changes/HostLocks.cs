using System.Collections.Concurrent;

namespace Portal.Server.Changes;

/// <summary>
/// One lock per host: every change and every repair of a host runs under it, so two changes never interleave their
/// commands on the same containers, and each plans against the state the previous one left.
/// </summary>
public sealed class HostLocks
{
    private readonly ConcurrentDictionary<string, SemaphoreSlim> _locks = new(StringComparer.OrdinalIgnoreCase);

    public async Task<IDisposable> AcquireAsync(string host, CancellationToken cancellationToken)
    {
        var gate = _locks.GetOrAdd(host, _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(cancellationToken);
        return new Release(gate);
    }

    private sealed class Release(SemaphoreSlim gate) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
            {
                gate.Release();
            }
        }
    }
}
