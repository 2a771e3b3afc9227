namespace Portal.Contracts.Intents;

/// <summary><c>POST /api/hosts/{host}/ports</c>: publish <see cref="ContainerPort"/> of a container on the host.</summary>
public sealed record PortRequest(string? Container, int ContainerPort, string? Protocol, int HostPort, string? HostIp);
