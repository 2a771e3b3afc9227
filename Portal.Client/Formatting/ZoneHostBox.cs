namespace Portal.Client.Formatting;

public sealed record ZoneHostBox(
    string Name,
    bool Online,
    ZoneBox Box,
    IReadOnlyList<ZoneBridge> Bridges,
    IReadOnlyList<ZonePublicAddress> PublicAddresses);
