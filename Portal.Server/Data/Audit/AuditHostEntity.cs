namespace Portal.Server.Data.Audit;

/// <summary>A host name as audit rows know it; kept apart from Hosts so history outlives a deleted host.</summary>
public sealed class AuditHostEntity
{
    public int Id { get; set; }

    public required string Name { get; set; }
}
