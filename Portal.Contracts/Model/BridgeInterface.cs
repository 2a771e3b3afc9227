namespace Portal.Contracts.Model;

/// <summary>
/// A port of a bridge (usually the host end of a veth pair) and the container that holds the other end,
/// found by the peer's ifindex inside the container's network namespace.
/// </summary>
public sealed record BridgeInterface(string Name, int Index, string? Container, string? ContainerInterface);
