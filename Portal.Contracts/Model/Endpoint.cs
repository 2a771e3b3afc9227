namespace Portal.Contracts.Model;

/// <summary>
/// A container's attachment to one network. <see cref="StaticIpv4"/> is the address asked for (IPAMConfig), if any.
/// <see cref="Ipv6"/> and <see cref="Ipv6Gateway"/> are the engine's GlobalIPv6Address and IPv6Gateway (without a
/// prefix), present only on a network with IPv6 enabled.
/// </summary>
public sealed record Endpoint(
    string Network,
    string? Ipv4,
    string? Mac,
    IReadOnlyList<string> Aliases,
    string? Gateway = null,
    string? StaticIpv4 = null,
    string? EndpointId = null,
    string? Ipv6 = null,
    string? Ipv6Gateway = null);
