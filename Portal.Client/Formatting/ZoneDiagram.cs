namespace Portal.Client.Formatting;

/// <summary>The laid-out zones picture: the physical network as a bar, hosts hanging from it, bridges and containers inside.</summary>
public sealed record ZoneDiagram(
    double Width,
    double Height,
    ZoneBox Physical,
    IReadOnlyList<ZoneHostBox> Hosts,
    IReadOnlySet<string> SharedAddresses);
