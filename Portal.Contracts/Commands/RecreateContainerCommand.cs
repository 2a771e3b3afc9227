namespace Portal.Contracts.Commands;

/// <summary>
/// Recreate a container with everything preserved except the listed changes to its links and published ports:
/// the only way to give a running container a legacy link or a new port binding. Rolled back to the previous
/// configuration if any step fails.
/// </summary>
public sealed record RecreateContainerCommand(
    string Container,
    IReadOnlyList<LinkSpec> AddLinks,
    IReadOnlyList<string> RemoveLinkAliases,
    IReadOnlyList<PortSpec> AddPorts,
    IReadOnlyList<PortSpec> RemovePorts) : AgentCommand;
