namespace Portal.Contracts.Model;

/// <summary>
/// A container's attachment to one network. <see cref="StaticIpv4"/> is the address asked for (IPAMConfig), if any;
/// <see cref="Ipv6"/> the endpoint's IPv6 address (GlobalIPv6Address, with or without its prefix) on a network with IPv6.
/// </summary>
public sealed record Endpoint(
    string Network,
    string? Ipv4,
    string? Mac,
    IReadOnlyList<string> Aliases,
    string? Gateway = null,
    string? StaticIpv4 = null,
    string? EndpointId = null,
    string? Ipv6 = null);
