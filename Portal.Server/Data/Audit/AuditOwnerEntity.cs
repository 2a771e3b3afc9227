namespace Portal.Server.Data.Audit;

/// <summary>An interned rule owner, as its contract JSON.</summary>
public sealed class AuditOwnerEntity
{
    public int Id { get; set; }

    public required string Json { get; set; }
}
