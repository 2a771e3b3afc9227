namespace Portal.Host.Docker;

/// <summary>
/// An engine event: type (container, network, daemon), action, the actor's id and name (when the engine gives one),
/// and for network events the id of the container connected or disconnected.
/// </summary>
public sealed record DockerEvent(DateTimeOffset At, string Type, string Action, string ActorId, string? Name, string? ContainerId = null);
