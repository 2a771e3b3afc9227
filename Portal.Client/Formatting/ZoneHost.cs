using Portal.Contracts.Model;

namespace Portal.Client.Formatting;

/// <summary>What the zones diagram needs to know of one host.</summary>
public sealed record ZoneHost(string Name, bool Online, IReadOnlyList<Bridge> Bridges, IReadOnlyList<Container> Containers);
