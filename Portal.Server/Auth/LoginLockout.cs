using System.Collections.Concurrent;
using System.Net;
using Microsoft.Extensions.Options;

namespace Portal.Server.Auth;

/// <summary>
/// Failed sign-ins counted per (user name, client address), not per account. Identity's own lockout counts per
/// account, so anyone who knows the admin's name could keep the admin out for good by failing five times every few
/// minutes. Here an attacker's failures lock only the attacker's own address out of that account; the admin signs
/// in from anywhere else. The cost: an attacker with many addresses gets a few guesses per address, which the
/// per-client rate limit and the growing lockout (30 s, doubling up to 15 min) keep slow. Unknown user names are
/// counted the same way as known ones, so a lockout tells nothing about which names exist. Kept in memory: a
/// restart forgets the counts, which only ever helps the rightful user.
/// </summary>
public sealed class LoginLockout(IOptions<AuthOptions> options, TimeProvider time)
{
    private const int MaxEntries = 100_000;
    private readonly ConcurrentDictionary<(string User, string Client), Entry> _entries = new();

    /// <summary>How long (user, client) must still wait, or null when it may try now.</summary>
    public TimeSpan? LockedFor(string userName, IPAddress? client)
    {
        if (_entries.TryGetValue(Key(userName, client), out var entry) && entry.LockedUntil is { } until)
        {
            var left = until - time.GetUtcNow();
            return left > TimeSpan.Zero ? left : null;
        }

        return null;
    }

    /// <summary>True while any client address is locked out of <paramref name="userName"/> (the admin's user list shows it).</summary>
    public bool IsLockedAnywhere(string userName)
    {
        var now = time.GetUtcNow();
        var name = userName.Trim().ToUpperInvariant();
        return _entries.Any(e => e.Key.User == name && e.Value.LockedUntil > now);
    }

    public void Failed(string userName, IPAddress? client)
    {
        var settings = options.Value;
        var now = time.GetUtcNow();
        if (_entries.Count >= MaxEntries)
        {
            Prune(now, settings.LockoutMax);
        }

        _entries.AddOrUpdate(
            Key(userName, client),
            _ => Next(new Entry(0, null, now), settings, now),
            (_, entry) => Next(entry, settings, now));
    }

    public void Succeeded(string userName, IPAddress? client) => _entries.TryRemove(Key(userName, client), out _);

    /// <summary>
    /// The lockout starts after <see cref="AuthOptions.LockoutAfterFailures"/> failures and doubles with each
    /// failure after that, up to the cap; a quiet period of twice the cap starts the count again.
    /// </summary>
    private static Entry Next(Entry entry, AuthOptions settings, DateTimeOffset now)
    {
        var failures = now - entry.LastFailure > settings.LockoutMax + settings.LockoutMax ? 1 : entry.Failures + 1;
        var over = failures - settings.LockoutAfterFailures;
        if (over < 0)
        {
            return new Entry(failures, null, now);
        }

        var seconds = settings.LockoutFirst.TotalSeconds * Math.Pow(2, Math.Min(over, 30));
        var wait = TimeSpan.FromSeconds(Math.Min(seconds, settings.LockoutMax.TotalSeconds));
        return new Entry(failures, now + wait, now);
    }

    private void Prune(DateTimeOffset now, TimeSpan max)
    {
        foreach (var (key, entry) in _entries)
        {
            if (now - entry.LastFailure > max + max)
            {
                _entries.TryRemove(key, out _);
            }
        }
    }

    private static (string, string) Key(string userName, IPAddress? client) =>
        (userName.Trim().ToUpperInvariant(), client?.ToString() ?? "unknown");

    private sealed record Entry(int Failures, DateTimeOffset? LockedUntil, DateTimeOffset LastFailure);
}
