namespace Portal.Contracts.Model;

/// <summary>A published port: <c>hostIp:hostPort -> containerPort/protocol</c>.</summary>
public sealed record PortBinding(int ContainerPort, string Protocol, string? HostIp, int? HostPort);
