using Docker.DotNet;
using Docker.DotNet.Models;

namespace Portal.Host.Commands;

/// <summary>Reads a container for a command: 404 with Docker's message when it is not there.</summary>
public static class ContainerInspection
{
    public static async Task<ContainerInspectResponse> InspectAsync(IDockerClient docker, string container, CancellationToken cancellationToken)
    {
        try
        {
            return await docker.Containers.InspectContainerAsync(container, cancellationToken);
        }
        catch (DockerApiException e)
        {
            throw DockerRefusals.From(e, $"container {container}");
        }
    }

    public static string Name(ContainerInspectResponse inspect) => inspect.Name.TrimStart('/');
}
