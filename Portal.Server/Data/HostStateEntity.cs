namespace Portal.Server.Data;

/// <summary>
/// The latest observed state of one host, kept as the agent's snapshot JSON so a restart loses nothing. Secret values
/// in it are masked; <see cref="SealedSecrets"/> holds them encrypted with the server's data protection keys.
/// </summary>
public sealed class HostStateEntity
{
    public int HostId { get; set; }

    public required string SnapshotJson { get; set; }

    /// <summary>JSON of container id -> variable -> protected value (see Portal.Server.Secrets.SecretVault).</summary>
    public string? SealedSecrets { get; set; }

    public long Sequence { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }
}
