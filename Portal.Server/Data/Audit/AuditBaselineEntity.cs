namespace Portal.Server.Data.Audit;

/// <summary>
/// A host's complete rules at one moment (its first snapshot, later checkpoints): history replays batches on top of
/// the newest baseline not after the moment asked for. The rules are gzipped JSON.
/// </summary>
public sealed class AuditBaselineEntity
{
    public long Id { get; set; }

    public int HostId { get; set; }

    /// <summary>Unix milliseconds.</summary>
    public long At { get; set; }

    public required byte[] Rules { get; set; }
}
