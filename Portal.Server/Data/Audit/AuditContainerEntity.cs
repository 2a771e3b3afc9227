namespace Portal.Server.Data.Audit;

/// <summary>An interned container name, as it was when the rule changed.</summary>
public sealed class AuditContainerEntity
{
    public int Id { get; set; }

    public required string Name { get; set; }
}
