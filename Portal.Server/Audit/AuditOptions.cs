namespace Portal.Server.Audit;

/// <summary><c>Portal:Audit</c>: how long history is kept and how much of it an agent may send.</summary>
public sealed class AuditOptions
{
    /// <summary>Rows older than this many days are pruned once a day; 0 (the default) keeps everything.</summary>
    public int RetentionDays { get; set; }

    /// <summary>Rule-change rows per second one host may send, sustained.</summary>
    public int IngestRowsPerSecond { get; set; } = 1000;

    /// <summary>Rows one host may send at once after a quiet time (a daemon restart rewrites a few thousand).</summary>
    public int IngestBurstRows { get; set; } = 20_000;

    /// <summary>How far an agent's clock may run ahead of (or behind) the server's before its rows are refused.</summary>
    public int ClockSkewSeconds { get; set; } = 120;
}
