namespace Portal.Client.Formatting;

/// <summary>A cubic curve of the flow map: from <see cref="Start"/> to <see cref="End"/>, pulled by two control points.</summary>
public readonly record struct FlowCurve(FlowPoint Start, FlowPoint Control1, FlowPoint Control2, FlowPoint End);
