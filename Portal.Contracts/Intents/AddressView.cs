namespace Portal.Contracts.Intents;

/// <summary>
/// One row of <c>GET /api/hosts/{host}/addresses</c>: a mapping the operator asked for, its intent and status, and what
/// is observed now: the container's current address (<see cref="ContainerIpv4"/>, null when it has none) and whether the
/// host interface holds the address (<see cref="OnInterface"/>), added by the portal or not (<see cref="AddedByPortal"/>).
/// </summary>
public sealed record AddressView(
    string Address,
    string Interface,
    string Container,
    IReadOnlyList<string>? Ports,
    long Intent,
    IntentStatus Status,
    string? Error,
    string? ContainerIpv4,
    bool OnInterface,
    bool AddedByPortal);
