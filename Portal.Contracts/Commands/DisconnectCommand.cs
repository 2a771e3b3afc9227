namespace Portal.Contracts.Commands;

/// <summary>Disconnect a container from a network.</summary>
public sealed record DisconnectCommand(string Network, string Container) : AgentCommand;
