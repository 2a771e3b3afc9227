using System.Collections.Concurrent;
using Portal.Contracts.Flows;
using Portal.Server.Flows;

namespace Portal.Server.Tests.Policies;

/// <summary>
/// Flow edges a test says were stored, read through the server's <see cref="IFlowReader"/> seam as the flow store
/// answers them (by host, last seen at or after the window's start).
/// </summary>
public sealed class StoredFlows : IFlowReader
{
    private readonly ConcurrentDictionary<string, IReadOnlyList<FlowEdge>> _edges = new(StringComparer.Ordinal);

    public void Set(string host, params FlowEdge[] edges) => _edges[host] = edges;

    public Task<IReadOnlyList<FlowEdge>> ReadAsync(string host, DateTimeOffset since, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<FlowEdge>>(
            _edges.TryGetValue(host, out var edges) ? edges.Where(e => e.LastSeen >= since).ToList() : []);
}
