namespace Portal.Contracts.Model;

/// <summary>
/// A Linux bridge that backs a Docker bridge network, with what the kernel says is attached to it. <see cref="SubnetIpv6"/>
/// is the network's IPv6 subnet when it has IPv6 enabled.
/// </summary>
public sealed record Bridge(
    string Name,
    string Network,
    string NetworkId,
    string? Subnet,
    string? Gateway,
    bool Icc,
    bool Masquerade,
    int Mtu,
    IReadOnlyList<BridgeInterface> Interfaces,
    string? SubnetIpv6 = null);
