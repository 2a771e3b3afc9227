namespace Portal.Client.Formatting;

/// <summary>How far back the flow map looks: the edges last seen inside the window.</summary>
public enum FlowWindow
{
    Last15Minutes,
    LastHour,
    Last24Hours,
}
