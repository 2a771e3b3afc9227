using Portal.Contracts.Intents;
using Portal.Contracts.Model;

namespace Portal.Client.Formatting;

/// <summary>
/// What the zones diagram needs to know of one host: its bridges, its containers and the public addresses mapped to
/// them (<see cref="Addresses"/>, none when the host has no mapping or the list could not be read).
/// </summary>
public sealed record ZoneHost(
    string Name,
    bool Online,
    IReadOnlyList<Bridge> Bridges,
    IReadOnlyList<Container> Containers,
    IReadOnlyList<AddressView>? Addresses = null);
