namespace Portal.Contracts.Model;

/// <summary>A container's attachment to one network. <see cref="StaticIpv4"/> is the address asked for (IPAMConfig), if any.</summary>
public sealed record Endpoint(
    string Network,
    string? Ipv4,
    string? Mac,
    IReadOnlyList<string> Aliases,
    string? Gateway = null,
    string? StaticIpv4 = null,
    string? EndpointId = null);
