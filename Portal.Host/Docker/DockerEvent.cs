namespace Portal.Host.Docker;

/// <summary>An engine event: type (container, network, daemon), action, the actor's id and name (when the engine gives one).</summary>
public sealed record DockerEvent(DateTimeOffset At, string Type, string Action, string ActorId, string? Name);
