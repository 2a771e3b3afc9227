namespace Portal.Server.Flows;

/// <summary><c>Portal:Flows</c>: how long flow edges are kept.</summary>
public sealed class FlowOptions
{
    /// <summary>An edge not seen for this long is deleted (checked every hour); zero or less keeps everything.</summary>
    public TimeSpan Retention { get; set; } = TimeSpan.FromDays(7);
}
