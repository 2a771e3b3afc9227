namespace Portal.Contracts.Reachability;

/// <summary>
/// <c>GET /api/hosts/{host}/exposure</c>: every published port with what an outside client reaches, and the host-wide
/// warnings. An outside client is an address of the documentation range (203.0.113.10) arriving on the physical interface;
/// a port published on every address is asked about on <c>hostAddress</c> (the host's outside address when the caller
/// gives it, else a stand-in: Docker's DNAT rules for such ports do not name an address).
/// </summary>
public sealed record HostExposure(IReadOnlyList<ExposedPort> Ports, IReadOnlyList<ExposureWarning> Warnings);
