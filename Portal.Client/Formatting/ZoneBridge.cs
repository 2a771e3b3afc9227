namespace Portal.Client.Formatting;

public sealed record ZoneBridge(string Name, string Network, string? Subnet, ZoneBox Box, IReadOnlyList<ZoneContainer> Containers);
