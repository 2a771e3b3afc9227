using System.Collections.Concurrent;
using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.SignalR;

namespace Portal.Server.Sessions;

/// <summary>
/// The open /hubs/live connections of people, with the session and security stamp they connected with. A hub
/// connection outlives the cookie check of its first request, so sign-out, deletion and role changes must close
/// it from here.
/// </summary>
public sealed class LiveConnections
{
    private readonly ConcurrentDictionary<string, LiveConnection> _open = new(StringComparer.Ordinal);

    public void Add(HubCallerContext context)
    {
        var user = context.User ?? new ClaimsPrincipal();
        _open[context.ConnectionId] = new LiveConnection(
            context,
            user.FindFirstValue(ClaimTypes.NameIdentifier) ?? string.Empty,
            user.FindFirstValue(SessionClaims.SessionId) ?? string.Empty,
            user.FindFirstValue(new ClaimsIdentityOptions().SecurityStampClaimType) ?? string.Empty);
    }

    public void Remove(string connectionId) => _open.TryRemove(connectionId, out _);

    public IReadOnlyList<LiveConnection> All => [.. _open.Values];

    public int CloseSession(string sessionId) => Close(c => c.SessionId == sessionId);

    public int CloseUser(string userId) => Close(c => c.UserId == userId);

    public int Close(Func<LiveConnection, bool> which)
    {
        var closed = 0;
        foreach (var connection in _open.Values.Where(which))
        {
            if (_open.TryRemove(connection.Context.ConnectionId, out _))
            {
                connection.Context.Abort();
                closed++;
            }
        }

        return closed;
    }
}

/// <summary>One open live connection and whom it belongs to.</summary>
public sealed record LiveConnection(HubCallerContext Context, string UserId, string SessionId, string SecurityStamp);
