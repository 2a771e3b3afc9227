namespace Portal.Contracts.Model;

/// <summary>
/// A network interface of the host itself (not a Docker bridge, not a container's veth) and its IPv4 addresses: where
/// public addresses live (eth0 and the like).
/// </summary>
public sealed record HostInterface(string Name, IReadOnlyList<InterfaceAddress> Addresses);
