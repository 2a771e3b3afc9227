using System.Collections.Concurrent;

namespace Portal.Server.Reconciling;

/// <summary>
/// After a change or a repair, the agent's report of it may still be on its way: until the host's state has moved
/// past the sequence it had when the change ended (or <see cref="Duration"/> has passed), the reconciler would judge a
/// state that predates the change and "repair" what was just done. It waits instead.
/// </summary>
public sealed class SettleWindow(TimeProvider clock)
{
    public static readonly TimeSpan Duration = TimeSpan.FromSeconds(5);

    private readonly ConcurrentDictionary<string, (long Sequence, DateTimeOffset Until)> _hosts = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>A change or repair of the host ended at <paramref name="sequence"/> here; other replicas hear of it.</summary>
    public void Changed(string host, long sequence)
    {
        Mark(host, sequence);
        Announced?.Invoke(host, sequence);
    }

    /// <summary>Opens the window without announcing it (a change another replica made).</summary>
    public void Mark(string host, long sequence) => _hosts[host] = (sequence, clock.GetUtcNow() + Duration);

    /// <summary>Raised by <see cref="Changed"/>: the cluster tells the replica that reconciles the host.</summary>
    public event Action<string, long>? Announced;

    /// <summary>How long the reconciler should still wait for the host, or null when it may judge the state.</summary>
    public TimeSpan? Remaining(string host, long sequence)
    {
        if (!_hosts.TryGetValue(host, out var window))
        {
            return null;
        }

        var left = window.Until - clock.GetUtcNow();
        if (sequence > window.Sequence || left <= TimeSpan.Zero)
        {
            _hosts.TryRemove(new KeyValuePair<string, (long, DateTimeOffset)>(host, window));
            return null;
        }

        return left;
    }
}
