namespace Portal.Contracts.Commands;

/// <summary>Connect a container to a network, with an optional alias, fixed address and links (user-defined networks only).</summary>
public sealed record ConnectCommand(string Network, string Container, string? Alias, string? Ipv4, IReadOnlyList<LinkSpec>? Links = null) : AgentCommand;
