namespace Portal.Server.Audit;

/// <summary><c>Portal:Audit</c>: how long history is kept.</summary>
public sealed class AuditOptions
{
    /// <summary>Rows older than this many days are pruned once a day; 0 (the default) keeps everything.</summary>
    public int RetentionDays { get; set; }
}
