namespace Portal.Client.Formatting;

/// <summary>The span and the label of each <see cref="FlowWindow"/>.</summary>
public static class FlowWindows
{
    public static IReadOnlyList<FlowWindow> All { get; } = [FlowWindow.Last15Minutes, FlowWindow.LastHour, FlowWindow.Last24Hours];

    public static TimeSpan Span(this FlowWindow window) => window switch
    {
        FlowWindow.Last15Minutes => TimeSpan.FromMinutes(15),
        FlowWindow.LastHour => TimeSpan.FromHours(1),
        _ => TimeSpan.FromHours(24),
    };

    public static string Label(this FlowWindow window) => window switch
    {
        FlowWindow.Last15Minutes => "15 min",
        FlowWindow.LastHour => "1 h",
        _ => "24 h",
    };

    /// <summary>The short name used in test ids and query strings: 15m, 1h, 24h.</summary>
    public static string Code(this FlowWindow window) => window switch
    {
        FlowWindow.Last15Minutes => "15m",
        FlowWindow.LastHour => "1h",
        _ => "24h",
    };
}
