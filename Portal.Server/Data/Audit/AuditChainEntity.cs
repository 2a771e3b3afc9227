namespace Portal.Server.Data.Audit;

/// <summary>An interned (table, chain) pair.</summary>
public sealed class AuditChainEntity
{
    public int Id { get; set; }

    public required string TableName { get; set; }

    public required string ChainName { get; set; }
}
