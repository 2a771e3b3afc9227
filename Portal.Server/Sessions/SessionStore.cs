using System.Collections.Concurrent;
using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Portal.Server.Data;

namespace Portal.Server.Sessions;

/// <summary>
/// Server-side sessions: one row per sign-in, checked on every cookie validation. Active ids are cached in memory
/// (every request would otherwise read SQLite); ending a session removes it from both, so the next request with
/// that cookie is anonymous. A session lasts at most <see cref="MaxAge"/> however active it is (the cookie slides);
/// older rows are removed whenever someone signs in, so the table does not grow without end.
/// </summary>
public sealed class SessionStore(IServiceScopeFactory scopes, TimeProvider time)
{
    public static readonly TimeSpan MaxAge = TimeSpan.FromDays(30);

    private readonly ConcurrentDictionary<string, (string UserId, DateTimeOffset Started)> _active = new(StringComparer.Ordinal);

    public async Task<string> StartAsync(string userId, CancellationToken cancellationToken)
    {
        var id = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        var now = time.GetUtcNow();
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        var expired = now - MaxAge;
        await db.UserSessions.Where(s => s.Started < expired).ExecuteDeleteAsync(cancellationToken);
        db.UserSessions.Add(new UserSessionEntity { Id = id, UserId = userId, Started = now });
        await db.SaveChangesAsync(cancellationToken);
        _active[id] = (userId, now);
        return id;
    }

    /// <summary>True when <paramref name="sessionId"/> is a live session of <paramref name="userId"/>.</summary>
    public async Task<bool> IsActiveAsync(string? sessionId, string? userId, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(sessionId) || string.IsNullOrEmpty(userId))
        {
            return false;
        }

        if (_active.TryGetValue(sessionId, out var cached))
        {
            return cached.UserId == userId && Fresh(cached.Started);
        }

        // Not cached: a session from before a restart, or one that ended.
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        var row = await db.UserSessions.AsNoTracking().FirstOrDefaultAsync(s => s.Id == sessionId, cancellationToken);
        if (row is null)
        {
            return false;
        }

        _active.TryAdd(row.Id, (row.UserId, row.Started));
        return row.UserId == userId && Fresh(row.Started);
    }

    private bool Fresh(DateTimeOffset started) => time.GetUtcNow() - started < MaxAge;

    public async Task EndAsync(string sessionId, CancellationToken cancellationToken)
    {
        // The row goes first: a validation that misses the cache meanwhile must not bring the session back.
        await using (var scope = scopes.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
            await db.UserSessions.Where(s => s.Id == sessionId).ExecuteDeleteAsync(cancellationToken);
        }

        _active.TryRemove(sessionId, out _);
    }

    /// <summary>Ends every session of a user except <paramref name="keep"/> (the caller's own, after a password change).</summary>
    public async Task EndAllAsync(string userId, string? keep, CancellationToken cancellationToken)
    {
        await using (var scope = scopes.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
            await db.UserSessions.Where(s => s.UserId == userId && s.Id != keep).ExecuteDeleteAsync(cancellationToken);
        }

        foreach (var (id, session) in _active)
        {
            if (session.UserId == userId && id != keep)
            {
                _active.TryRemove(id, out _);
            }
        }
    }
}
