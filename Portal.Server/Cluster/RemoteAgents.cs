using System.Collections.Concurrent;

namespace Portal.Server.Cluster;

/// <summary>
/// Where the agents connected to other replicas are: host to (replica, hub connection id). A command for such a host
/// goes through the SignalR backplane to that connection; <see cref="Location.Lost"/> is cancelled when the agent
/// leaves that replica (it disconnected, moved, or its replica fell silent), so a command waiting for its answer
/// learns at once that none will come.
/// </summary>
public sealed class RemoteAgents
{
    private readonly ConcurrentDictionary<string, Location> _hosts = new(StringComparer.OrdinalIgnoreCase);

    public sealed record Location(string Replica, string Connection, CancellationTokenSource Gone)
    {
        public CancellationToken Lost => Gone.Token;
    }

    public Location? Find(string host) => _hosts.TryGetValue(host, out var location) ? location : null;

    public bool HeldElsewhere(string host) => _hosts.ContainsKey(host);

    public void Set(string host, string replica, string connection)
    {
        var location = new Location(replica, connection, new CancellationTokenSource());
        Location? previous = null;
        _hosts.AddOrUpdate(host, location, (_, old) =>
        {
            previous = old;
            return location;
        });
        if (previous is not null && previous.Connection != connection)
        {
            previous.Gone.Cancel();
        }
    }

    /// <summary>Forgets the host's remote agent (only the one at <paramref name="replica"/> when given); true when one was.</summary>
    public bool Clear(string host, string? replica = null)
    {
        if (_hosts.TryGetValue(host, out var current) && (replica is null || current.Replica == replica)
            && _hosts.TryRemove(new KeyValuePair<string, Location>(host, current)))
        {
            current.Gone.Cancel();
            return true;
        }

        return false;
    }

    /// <summary>The hosts whose agents were at <paramref name="replica"/>, forgotten (that replica is gone).</summary>
    public IReadOnlyList<string> ClearReplica(string replica)
    {
        var hosts = _hosts.Where(h => h.Value.Replica == replica).Select(h => h.Key).ToList();
        return hosts.Where(h => Clear(h, replica)).ToList();
    }
}
