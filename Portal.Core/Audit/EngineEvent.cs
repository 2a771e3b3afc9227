namespace Portal.Core.Audit;

/// <summary>An event the Docker engine reported: its time, action ("start", "connect", ...) and the container or network.</summary>
public sealed record EngineEvent(DateTimeOffset At, string Type, string Action, string? Container, string? Network);
