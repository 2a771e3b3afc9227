namespace Portal.Contracts.Commands;

/// <summary>Remove a bridge network (Docker refuses while containers are attached; its message is passed on).</summary>
public sealed record RemoveNetworkCommand(string Name) : AgentCommand;
