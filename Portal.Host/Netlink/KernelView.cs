namespace Portal.Host.Netlink;

/// <summary>The agent namespace's links and addresses at one moment, plus each container's links.</summary>
public sealed record KernelView(
    IReadOnlyList<KernelLink> Links,
    IReadOnlyList<KernelAddress> Addresses,
    IReadOnlyDictionary<string, IReadOnlyList<KernelLink>> ContainerLinks);
