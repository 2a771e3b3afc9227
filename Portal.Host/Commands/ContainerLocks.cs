using System.Collections.Concurrent;

namespace Portal.Host.Commands;

/// <summary>One gate per container name, so that two changes to one container never interleave (a recreate and a connect).</summary>
public sealed class ContainerLocks
{
    private readonly ConcurrentDictionary<string, SemaphoreSlim> _gates = new(StringComparer.Ordinal);

    /// <summary>Takes the gates of all <paramref name="containers"/> in name order (no deadlock between two multi-container commands).</summary>
    public async Task<IDisposable> AcquireAsync(IEnumerable<string> containers, CancellationToken cancellationToken)
    {
        var taken = new List<SemaphoreSlim>();
        try
        {
            foreach (var name in containers.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal))
            {
                var gate = _gates.GetOrAdd(name, _ => new SemaphoreSlim(1, 1));
                await gate.WaitAsync(cancellationToken);
                taken.Add(gate);
            }
        }
        catch
        {
            Release(taken);
            throw;
        }

        return new Held(taken);
    }

    private static void Release(List<SemaphoreSlim> taken)
    {
        for (var i = taken.Count - 1; i >= 0; i--)
        {
            taken[i].Release();
        }
    }

    private sealed class Held(List<SemaphoreSlim> taken) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
            {
                Release(taken);
            }
        }
    }
}
