using Microsoft.EntityFrameworkCore;
using Portal.Contracts.Api;
using Portal.Server.Agents;
using Portal.Server.Cluster;
using Portal.Server.Counters;
using Portal.Server.Data;
using Portal.Server.Live;
using Portal.Server.State;

namespace Portal.Server.Hosts;

/// <summary>Registering hosts and managing their agent tokens: the database, the state store and live agents kept in step.</summary>
public sealed class HostRegistry(
    PortalDbContext db,
    HostStateStore store,
    AgentConnections agents,
    LiveNotifier live,
    ClusterBus cluster,
    RuleCounterStore counters,
    TimeProvider clock,
    ILogger<HostRegistry> logger)
{
    /// <summary>Adds a host and returns its token, or null when the name is taken.</summary>
    public async Task<CreatedHost?> CreateAsync(string name, CancellationToken cancellationToken)
    {
        if (await db.Hosts.AnyAsync(h => h.Name == name, cancellationToken))
        {
            return null;
        }

        var token = HostTokens.Create();
        var now = clock.GetUtcNow();
        var host = new HostEntity { Name = name, TokenHash = HostTokens.Hash(token), TokenCreated = now, Registered = now };
        db.Hosts.Add(host);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // Two admins adding the same name at once: the unique index decides.
            return null;
        }

        var state = new HostState(host.Name, false, null, null, null, null);
        store.Add(state);
        cluster.HostAdded(host.Name);
        live.Publish(state, resync: true);
        logger.LogInformation("Host {Host} registered", host.Name);
        return new CreatedHost(host.Name, token);
    }

    /// <summary>Replaces the host's token; the old one stops working and its connection is dropped.</summary>
    public async Task<CreatedHost?> IssueTokenAsync(string name, CancellationToken cancellationToken)
    {
        var host = await db.Hosts.SingleOrDefaultAsync(h => h.Name == name, cancellationToken);
        if (host is null)
        {
            return null;
        }

        var token = HostTokens.Create();
        host.TokenHash = HostTokens.Hash(token);
        host.TokenCreated = clock.GetUtcNow();
        host.TokenRevoked = null;
        await db.SaveChangesAsync(cancellationToken);
        agents.Drop(host.Name);
        cluster.DropAgent(host.Name);
        logger.LogInformation("Host {Host} got a new token", host.Name);
        return new CreatedHost(host.Name, token);
    }

    public async Task<bool> RevokeTokenAsync(string name, CancellationToken cancellationToken)
    {
        var host = await db.Hosts.SingleOrDefaultAsync(h => h.Name == name, cancellationToken);
        if (host is null)
        {
            return false;
        }

        host.TokenRevoked ??= clock.GetUtcNow();
        await db.SaveChangesAsync(cancellationToken);
        agents.Drop(host.Name);
        cluster.DropAgent(host.Name);
        logger.LogInformation("Host {Host}: token revoked, agent dropped", host.Name);
        return true;
    }

    public async Task<bool> DeleteAsync(string name, CancellationToken cancellationToken)
    {
        var host = await db.Hosts.SingleOrDefaultAsync(h => h.Name == name, cancellationToken);
        if (host is null)
        {
            return false;
        }

        db.Hosts.Remove(host);
        await db.SaveChangesAsync(cancellationToken);
        // Flow edges are keyed by name: a host registered again under it starts with none.
        await db.FlowEdges.Where(f => f.Host == host.Name).ExecuteDeleteAsync(cancellationToken);
        agents.Drop(host.Name);
        store.Remove(host.Name);
        // Counters too: a host registered again under the name must not show the old one's counts.
        counters.Forget(host.Name);
        cluster.HostRemoved(host.Name);
        live.PublishRemoved(host.Name);
        logger.LogInformation("Host {Host} deleted", host.Name);
        return true;
    }
}
