namespace Portal.Client.Formatting;

/// <summary>A rectangle of the flow map, in SVG user units.</summary>
public readonly record struct FlowBox(double X, double Y, double Width, double Height)
{
    public double CenterX => X + Width / 2;

    public double CenterY => Y + Height / 2;

    public double Right => X + Width;

    public double Bottom => Y + Height;

    public bool Contains(FlowPoint point) => point.X >= X - 0.01 && point.X <= Right + 0.01 && point.Y >= Y - 0.01 && point.Y <= Bottom + 0.01;

    public bool Contains(FlowBox inner) => inner.X >= X && inner.Right <= Right && inner.Y >= Y && inner.Bottom <= Bottom;
}
