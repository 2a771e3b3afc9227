using Docker.DotNet;

namespace Portal.Host.Docker;

/// <summary>Builds the engine client for a unix socket URI. No API version is pinned: the daemon answers at its own.</summary>
public static class DockerClientFactory
{
    public static DockerClient Create(Uri endpoint) =>
        new DockerClientBuilder().WithEndpoint(endpoint).Build();
}
