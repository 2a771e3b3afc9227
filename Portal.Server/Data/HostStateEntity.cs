namespace Portal.Server.Data;

/// <summary>The latest observed state of one host, kept as the agent's snapshot JSON so a restart loses nothing.</summary>
public sealed class HostStateEntity
{
    public int HostId { get; set; }

    public required string SnapshotJson { get; set; }

    public long Sequence { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }
}
