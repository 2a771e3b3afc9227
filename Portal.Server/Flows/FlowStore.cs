using Microsoft.EntityFrameworkCore;
using Portal.Contracts.Flows;
using Portal.Server.Data;
using Portal.Server.Data.Flows;

namespace Portal.Server.Flows;

/// <summary>
/// Flow edges in the portal's database: a report's increments are added to the stored totals (first seen kept, last
/// seen moved forward), reads filter by last seen, the retention deletes what went quiet. A context per call: the
/// agent hub and the retention job outlive any request.
/// </summary>
public sealed class FlowStore(IServiceScopeFactory scopes) : IFlowReader
{
    /// <summary>Adds <paramref name="increments"/> to the host's edges in one transaction; returns the new totals.</summary>
    public async Task<IReadOnlyList<FlowEdge>> AddAsync(string host, IReadOnlyList<FlowEdge> increments, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        var merged = new Dictionary<FlowKey, FlowEdge>();
        foreach (var edge in increments)
        {
            var key = FlowKey.Of(edge);
            merged[key] = merged.TryGetValue(key, out var seen) ? Sum(seen, edge) : edge;
        }

        var froms = merged.Keys.Select(k => k.From).Distinct().ToList();
        var stored = await db.FlowEdges
            .Where(f => f.Host == host && froms.Contains(f.From))
            .ToListAsync(cancellationToken);
        var byKey = stored.ToDictionary(f => new FlowKey(f.From, f.To, f.Port, f.Proto, f.Network));
        var totals = new List<FlowEdgeEntity>(merged.Count);
        foreach (var (key, edge) in merged)
        {
            if (!byKey.TryGetValue(key, out var entity))
            {
                entity = new FlowEdgeEntity
                {
                    Host = host,
                    From = key.From,
                    To = key.To,
                    Port = key.Port,
                    Proto = key.Proto,
                    Network = key.Network,
                    FirstSeen = edge.FirstSeen.ToUniversalTime(),
                    LastSeen = edge.LastSeen.ToUniversalTime(),
                };
                db.FlowEdges.Add(entity);
            }

            entity.Count += edge.Count;
            if (edge.FirstSeen < entity.FirstSeen)
            {
                entity.FirstSeen = edge.FirstSeen.ToUniversalTime();
            }

            if (edge.LastSeen > entity.LastSeen)
            {
                entity.LastSeen = edge.LastSeen.ToUniversalTime();
            }

            totals.Add(entity);
        }

        await db.SaveChangesAsync(cancellationToken);
        return [.. totals.Select(ToEdge)];
    }

    public async Task<IReadOnlyList<FlowEdge>> ReadAsync(string host, DateTimeOffset since, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        var cutoff = since.ToUniversalTime();
        var rows = await db.FlowEdges.AsNoTracking()
            .Where(f => f.Host == host && f.LastSeen >= cutoff)
            .OrderBy(f => f.From).ThenBy(f => f.To).ThenBy(f => f.Port).ThenBy(f => f.Proto)
            .ToListAsync(cancellationToken);
        return [.. rows.Select(ToEdge)];
    }

    /// <summary>Deletes every edge last seen before <paramref name="cutoff"/>; returns how many.</summary>
    public async Task<int> PruneAsync(DateTimeOffset cutoff, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        var utc = cutoff.ToUniversalTime();
        return await db.FlowEdges.Where(f => f.LastSeen < utc).ExecuteDeleteAsync(cancellationToken);
    }

    private static FlowEdge Sum(FlowEdge a, FlowEdge b) => a with
    {
        Count = a.Count + b.Count,
        FirstSeen = a.FirstSeen < b.FirstSeen ? a.FirstSeen : b.FirstSeen,
        LastSeen = a.LastSeen > b.LastSeen ? a.LastSeen : b.LastSeen,
    };

    private static FlowEdge ToEdge(FlowEdgeEntity f) =>
        new(f.From, f.To, f.Port, f.Proto, f.Network.Length == 0 ? null : f.Network, f.Count, f.FirstSeen, f.LastSeen);
}
