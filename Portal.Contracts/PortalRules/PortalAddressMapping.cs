namespace Portal.Contracts.PortalRules;

/// <summary>
/// One public address as the agent writes it: <see cref="Address"/> held on the host interface <see cref="Interface"/>
/// and, while the container has an address (<see cref="ContainerIpv4"/> on the bridge <see cref="Bridge"/>; both null when
/// it has none, e.g. stopped), its nat and filter rules. <see cref="Ports"/> ("80/tcp") limits the inbound side; empty
/// maps every port and protocol.
/// </summary>
public sealed record PortalAddressMapping(
    string Address,
    string Interface,
    string Container,
    string? ContainerIpv4,
    string? Bridge,
    IReadOnlyList<string> Ports);
