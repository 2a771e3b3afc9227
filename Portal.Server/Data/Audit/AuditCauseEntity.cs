namespace Portal.Server.Data.Audit;

/// <summary>An interned change cause, as its contract JSON, with its kind apart for the cause filter.</summary>
public sealed class AuditCauseEntity
{
    public int Id { get; set; }

    public required string Kind { get; set; }

    public required string Json { get; set; }
}
