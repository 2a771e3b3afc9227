namespace Portal.Server.Data.Audit;

/// <summary>
/// One rule added to or removed from a chain: small integers only, every string interned in a table of its own, so
/// a row costs tens of bytes. Append-only: nothing but the retention job ever deletes a row.
/// </summary>
public sealed class AuditEntryEntity
{
    public long Id { get; set; }

    public int HostId { get; set; }

    /// <summary>Unix milliseconds of the change, as the agent observed it.</summary>
    public long At { get; set; }

    public int ChainId { get; set; }

    /// <summary>1 added, 0 removed.</summary>
    public int Change { get; set; }

    /// <summary>The rule's 1-based position in its chain (after an addition, before a removal), for exact replays.</summary>
    public int Position { get; set; }

    public int RuleId { get; set; }

    public int OwnerId { get; set; }

    public int CauseId { get; set; }

    /// <summary>The owner's container (or link source, or the Docker event's container) as named at the time.</summary>
    public int? ContainerId { get; set; }

    public long BatchId { get; set; }
}
