namespace Portal.Core.Api;

/// <summary>One row of <c>GET /api/hosts</c>.</summary>
public sealed record HostSummary(
    string Name,
    bool Online,
    string? DockerVersion,
    DateTimeOffset? LastSeen,
    int Containers,
    int Bridges,
    int Rules);
