namespace Portal.Contracts.Intents;

/// <summary>
/// <c>POST /api/hosts/{host}/addresses</c>: give <see cref="Address"/> (on the host interface <see cref="Interface"/>)
/// to <see cref="Container"/>; <see cref="Ports"/> ("80/tcp", "53/udp") limits the inbound side, null or empty maps every port.
/// </summary>
public sealed record AddressRequest(string? Address, string? Interface, string? Container, IReadOnlyList<string>? Ports = null);
