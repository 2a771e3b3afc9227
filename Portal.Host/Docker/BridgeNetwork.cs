namespace Portal.Host.Docker;

/// <summary>A Docker network of the bridge driver as the engine describes it (the kernel side is added later); <see cref="SubnetIpv6"/> when IPv6 is on.</summary>
public sealed record BridgeNetwork(
    string Name,
    string Id,
    string BridgeName,
    string? Subnet,
    string? Gateway,
    bool Icc,
    bool Masquerade,
    int? Mtu,
    string? SubnetIpv6 = null);
