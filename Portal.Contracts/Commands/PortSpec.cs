namespace Portal.Contracts.Commands;

/// <summary>A port binding <c>hostIp:hostPort:containerPort/protocol</c>; HostIp null means all addresses.</summary>
public sealed record PortSpec(int ContainerPort, string Protocol, int HostPort, string? HostIp);
