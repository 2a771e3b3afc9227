namespace Portal.Server.Data.Audit;

/// <summary>
/// One delivered <c>RuleChangeBatch</c>: unique per (host, journal, batch) so a batch replayed after an outage is
/// stored once. Its entries are the contiguous id range [<see cref="FirstEntryId"/>, <see cref="LastEntryId"/>], so
/// replaying history needs no index on the entries' batch column.
/// </summary>
public sealed class AuditBatchEntity
{
    public long Id { get; set; }

    public int HostId { get; set; }

    public required byte[] Journal { get; set; }

    public long Batch { get; set; }

    /// <summary>Unix milliseconds; history replays batches in this order.</summary>
    public long At { get; set; }

    public long FirstEntryId { get; set; }

    public long LastEntryId { get; set; }
}
