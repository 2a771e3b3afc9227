using System.Collections.Concurrent;

namespace Portal.Server.Reconciling;

/// <summary>
/// Keeps the reconciler from hammering a host: at most one repair attempt per key (an intent, or a host-wide repair)
/// per <see cref="Spacing"/>, and a count of consecutive failures so an intent that cannot be repaired is given up on.
/// </summary>
public sealed class RepairBackoff(TimeProvider clock)
{
    public const int MaxFailures = 3;

    private readonly ConcurrentDictionary<string, (DateTimeOffset Last, int Failures)> _attempts = new(StringComparer.Ordinal);

    /// <summary>Ten seconds by default; settable so tests of the failure limit need not wait half a minute.</summary>
    public TimeSpan Spacing { get; set; } = TimeSpan.FromSeconds(10);

    public static string Key(long intent) => "intent:" + intent;

    public static string HostKey(string host, string repair) => $"host:{host.ToLowerInvariant()}:{repair}";

    public bool MayTry(string key) => Remaining(key) is null;

    /// <summary>How long until <paramref name="key"/> may be tried again, or null when it may be tried now.</summary>
    public TimeSpan? Remaining(string key)
    {
        if (!_attempts.TryGetValue(key, out var attempt))
        {
            return null;
        }

        var left = attempt.Last + Spacing - clock.GetUtcNow();
        return left > TimeSpan.Zero ? left : null;
    }

    public void Tried(string key) =>
        _attempts.AddOrUpdate(key, _ => (clock.GetUtcNow(), 0), (_, a) => (clock.GetUtcNow(), a.Failures));

    /// <summary>Counts a failed attempt; returns the consecutive failures so far.</summary>
    public int Failed(string key) =>
        _attempts.AddOrUpdate(key, _ => (clock.GetUtcNow(), 1), (_, a) => (a.Last, a.Failures + 1)).Failures;

    public void Succeeded(string key) =>
        _attempts.AddOrUpdate(key, _ => (clock.GetUtcNow(), 0), (_, a) => (a.Last, 0));

    /// <summary>Forgets an intent's attempts (it was observed applied, or an operator retried it).</summary>
    public void Reset(long intent) => _attempts.TryRemove(Key(intent), out _);
}
