namespace Portal.Client.Formatting;

public readonly record struct FlowPoint(double X, double Y);
