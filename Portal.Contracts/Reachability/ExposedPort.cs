namespace Portal.Contracts.Reachability;

/// <summary>
/// One published port as seen from outside: where it is published, the addresses it is reachable on, what the walk of
/// an outside client's first packet says (and what decided it), and its warnings.
/// </summary>
public sealed record ExposedPort(
    string Container,
    int ContainerPort,
    TransportProtocol Protocol,
    string? HostIp,
    int HostPort,
    IReadOnlyList<string> ReachableOn,
    ReachabilityVerdict Verdict,
    string? DecidedBy,
    IReadOnlyList<ExposureWarning> Warnings);
