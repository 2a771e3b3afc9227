using System.Collections.Concurrent;
using Microsoft.AspNetCore.SignalR;

namespace Portal.Server.Agents;

/// <summary>The one live agent connection per host, so a new connection or a revoked token can drop the old one.</summary>
public sealed class AgentConnections(ILogger<AgentConnections> logger)
{
    private readonly ConcurrentDictionary<string, HubCallerContext> _byHost = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Makes <paramref name="connection"/> the host's connection and aborts the one it replaces.</summary>
    public void Attach(string host, HubCallerContext connection)
    {
        HubCallerContext? previous = null;
        _byHost.AddOrUpdate(host, connection, (_, old) =>
        {
            previous = old;
            return connection;
        });
        if (previous is not null && previous.ConnectionId != connection.ConnectionId)
        {
            logger.LogInformation("Host {Host}: a new agent connection replaces {Old}", host, previous.ConnectionId);
            previous.Abort();
        }
    }

    /// <summary>Forgets the connection if it is still the host's current one; true when it was.</summary>
    public bool Detach(string host, string connectionId)
    {
        if (_byHost.TryGetValue(host, out var current) && current.ConnectionId == connectionId)
        {
            return _byHost.TryRemove(new KeyValuePair<string, HubCallerContext>(host, current));
        }

        return false;
    }

    public bool HasConnection(string host) => _byHost.ContainsKey(host);

    /// <summary>The host's current connection id, to send it commands; null when no agent is connected.</summary>
    public string? ConnectionId(string host) => _byHost.TryGetValue(host, out var current) ? current.ConnectionId : null;

    public bool IsCurrent(string host, string connectionId) =>
        _byHost.TryGetValue(host, out var current) && current.ConnectionId == connectionId;

    /// <summary>Aborts the host's live connection, if any (token revoked or host deleted).</summary>
    public void Drop(string host)
    {
        if (_byHost.TryRemove(host, out var connection))
        {
            connection.Abort();
        }
    }
}
