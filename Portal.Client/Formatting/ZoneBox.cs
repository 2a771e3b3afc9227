namespace Portal.Client.Formatting;

/// <summary>A rectangle of the zones diagram, in SVG user units.</summary>
public readonly record struct ZoneBox(double X, double Y, double Width, double Height)
{
    public double CenterX => X + Width / 2;

    public double Bottom => Y + Height;
}
