using Portal.Contracts.Flows;

namespace Portal.Server.Flows;

/// <summary>Reads the stored flow edges of one host (what <c>GET /api/hosts/{host}/flows</c> answers).</summary>
public interface IFlowReader
{
    /// <summary>The edges of <paramref name="host"/> last seen at or after <paramref name="since"/>.</summary>
    Task<IReadOnlyList<FlowEdge>> ReadAsync(string host, DateTimeOffset since, CancellationToken cancellationToken);
}
