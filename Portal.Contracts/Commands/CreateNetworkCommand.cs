namespace Portal.Contracts.Commands;

/// <summary>Create a bridge network.</summary>
public sealed record CreateNetworkCommand(string Name, string? Subnet, string? Gateway, bool Icc, bool Masquerade, int? Mtu) : AgentCommand;
