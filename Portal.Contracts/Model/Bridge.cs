namespace Portal.Contracts.Model;

/// <summary>A Linux bridge that backs a Docker bridge network, with what the kernel says is attached to it.</summary>
public sealed record Bridge(
    string Name,
    string Network,
    string NetworkId,
    string? Subnet,
    string? Gateway,
    bool Icc,
    bool Masquerade,
    int Mtu,
    IReadOnlyList<BridgeInterface> Interfaces);
