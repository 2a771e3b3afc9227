namespace Portal.Host.Docker;

/// <summary>A Docker network of the bridge driver as the engine describes it (the kernel side is added later).</summary>
public sealed record BridgeNetwork(
    string Name,
    string Id,
    string BridgeName,
    string? Subnet,
    string? Gateway,
    bool Icc,
    bool Masquerade,
    int? Mtu);
