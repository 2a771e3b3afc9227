namespace Portal.Server.Data;

/// <summary>A registered Docker host: its agent token (hashed only) and what the server last saw of it.</summary>
public sealed class HostEntity
{
    public int Id { get; set; }

    public required string Name { get; set; }

    /// <summary>SHA-256 of the agent token; the token itself is shown once and never stored.</summary>
    public required byte[] TokenHash { get; set; }

    public DateTimeOffset TokenCreated { get; set; }

    /// <summary>When an admin added the host: its agent's history cannot be older than this.</summary>
    public DateTimeOffset Registered { get; set; }

    /// <summary>Set when an admin revoked the token; a revoked token never authenticates again.</summary>
    public DateTimeOffset? TokenRevoked { get; set; }

    public DateTimeOffset? LastSeen { get; set; }

    public string? DockerVersion { get; set; }

    public HostStateEntity? State { get; set; }
}
