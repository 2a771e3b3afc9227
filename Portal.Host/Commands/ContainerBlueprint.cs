using Docker.DotNet.Models;

namespace Portal.Host.Commands;

/// <summary>Everything needed to create a container again as it is: the create body and the networks connected after it.</summary>
public sealed record ContainerBlueprint(
    string Name,
    bool WasRunning,
    CreateContainerParameters Create,
    IReadOnlyList<NetworkAttachment> ExtraNetworks);
