namespace Portal.Contracts.Api;

/// <summary>
/// One row of <c>GET /api/hosts</c>. <see cref="LastError"/> is why the server last refused the host's agent (its
/// <c>--host</c> names another host, a malformed message); cleared by the next snapshot it accepts.
/// </summary>
public sealed record HostSummary(
    string Name,
    bool Online,
    string? DockerVersion,
    DateTimeOffset? LastSeen,
    int Containers,
    int Bridges,
    int Rules,
    string? LastError = null);
