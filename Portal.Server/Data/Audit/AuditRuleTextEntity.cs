namespace Portal.Server.Data.Audit;

/// <summary>An interned rule text, found by a 64-bit hash of the text (equal hashes are told apart by the text).</summary>
public sealed class AuditRuleTextEntity
{
    public int Id { get; set; }

    public long Hash { get; set; }

    public required string Text { get; set; }
}
