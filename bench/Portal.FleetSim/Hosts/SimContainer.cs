namespace Portal.FleetSim.Hosts;

/// <summary>One container of a synthetic host: its address on docker0 and its published ports (host port, container port).</summary>
public sealed record SimContainer(string Id, string Name, string Ipv4, IReadOnlyList<(int HostPort, int ContainerPort)> Ports);
