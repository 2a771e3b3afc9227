using System.Collections.Concurrent;
using Portal.Server.Reconciling;

namespace Portal.Server.Changes;

/// <summary>
/// One lock per host: every change and every repair of a host runs under it, so two changes never interleave their
/// commands on the same containers, and each plans against the state the previous one left. Within a server a
/// semaphore; across replicas on PostgreSQL also the database's advisory lock (<see cref="AdvisoryLocks"/>), taken
/// after the semaphore so a replica's own waiters queue here and not on the database.
/// </summary>
public sealed class HostLocks(AdvisoryLocks database)
{
    private readonly ConcurrentDictionary<string, SemaphoreSlim> _locks = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Waits for the host's lock.</summary>
    public async Task<IDisposable> AcquireAsync(string host, CancellationToken cancellationToken) =>
        (await AcquireAsync(host, wait: true, cancellationToken))!;

    /// <summary>
    /// The reconciler's way: waits for this server's other users of the host, but answers null at once when another
    /// replica holds it (that one is changing or reconciling the host; the pass runs later).
    /// </summary>
    public Task<IDisposable?> TryAcquireAsync(string host, CancellationToken cancellationToken) =>
        AcquireAsync(host, wait: false, cancellationToken);

    private async Task<IDisposable?> AcquireAsync(string host, bool wait, CancellationToken cancellationToken)
    {
        var gate = _locks.GetOrAdd(host, _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(cancellationToken);
        try
        {
            var shared = await database.AcquireAsync(host, wait, cancellationToken);
            if (shared is null)
            {
                gate.Release();
                return null;
            }

            return new Release(gate, shared);
        }
        catch
        {
            gate.Release();
            throw;
        }
    }

    private sealed class Release(SemaphoreSlim gate, IDisposable shared) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
            {
                shared.Dispose();
                gate.Release();
            }
        }
    }
}
