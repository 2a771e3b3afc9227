using Docker.DotNet;
using Docker.DotNet.Models;
using Microsoft.Extensions.Logging;
using Portal.Contracts.Model;
using Portal.Core.Observation;
using Portal.Host.Hosts;
using Portal.Host.Snapshot;

namespace Portal.Host.Docker;

/// <summary>
/// Reads every container (running or not) with its endpoints, ports, links, real environment and real hosts file.
/// A container that disappears while it is read is skipped: the next event brings the engine's new truth. What a
/// container controls (its environment, its /etc/hosts) is read within <see cref="ObservationLimits"/>, the cut marked,
/// and the portal's own secrets are withheld (<see cref="PortalOwnSecrets"/>).
/// </summary>
public sealed class ContainerReader(IDockerClient client, ILogger logger)
{
    public async Task<IReadOnlyList<ObservedContainer>> ReadAsync(CancellationToken cancellationToken)
    {
        var list = await ObservationException.WrapAsync(
            "the container list",
            () => client.Containers.ListContainersAsync(new ContainersListParameters { All = true }, cancellationToken),
            cancellationToken);

        var inspected = new List<ContainerInspectResponse>();
        foreach (var summary in list)
        {
            var inspect = await InspectAsync(summary.ID, cancellationToken);
            if (inspect is not null)
            {
                inspected.Add(inspect);
            }
        }

        var byName = inspected.ToDictionary(ContainerMapper.Name, StringComparer.Ordinal);
        var images = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        var result = new List<ObservedContainer>();
        foreach (var inspect in inspected.OrderBy(ContainerMapper.Name, StringComparer.Ordinal))
        {
            var imageEnv = await ImageEnvAsync(inspect.Image, images, cancellationToken);
            result.Add(await BuildAsync(inspect, imageEnv, byName, cancellationToken));
        }

        return result;
    }

    /// <summary>Inspects one container; null when it no longer exists.</summary>
    public async Task<ContainerInspectResponse?> InspectAsync(string id, CancellationToken cancellationToken)
    {
        try
        {
            return await ObservationException.WrapAsync(
                $"container {id} (inspect)",
                () => client.Containers.InspectContainerAsync(id, cancellationToken),
                cancellationToken);
        }
        catch (ObservationException e) when (e.InnerException is DockerContainerNotFoundException)
        {
            logger.LogInformation("Container {Id} vanished while it was read; skipped", id);
            return null;
        }
    }

    private async Task<ObservedContainer> BuildAsync(
        ContainerInspectResponse inspect,
        IReadOnlyList<string> imageEnv,
        IReadOnlyDictionary<string, ContainerInspectResponse> byName,
        CancellationToken cancellationToken)
    {
        var name = ContainerMapper.Name(inspect);
        var running = ContainerMapper.IsRunning(inspect);
        var pid = running ? inspect.State?.Pid ?? 0 : 0;
        var links = ContainerMapper.Links(inspect);

        // PID 1's environ is the environment Docker really gave the process, link variables included.
        var environment = running ? await ProcessEnvironment.TryReadAsync(pid, cancellationToken) : null;
        if (running && environment is null)
        {
            logger.LogWarning("Could not read /proc/{Pid}/environ of {Container}; using Config.Env", pid, name);
        }

        var linkNames = LinkVariables.Names(name, links, byName);
        var (actualEnv, envCut) = EnvironmentCap.Apply(environment?.Variables ?? (IEnumerable<string>?)inspect.Config?.Env ?? []);
        var envTruncated = envCut || environment?.Truncated == true;
        var env = PortalOwnSecrets.Withhold(EnvSourceClassifier.Classify(actualEnv, imageEnv, linkNames), PortalOwnSecrets.Values);
        var (hosts, hostsTruncated) = await ReadHostsAsync(name, inspect.HostsPath, cancellationToken);
        if (envTruncated || hostsTruncated)
        {
            logger.LogWarning("Container {Container}: {What} cut to the agent's limits", name,
                envTruncated && hostsTruncated ? "environment and /etc/hosts" : envTruncated ? "environment" : "/etc/hosts");
        }

        var container = new Container(
            inspect.ID,
            name,
            inspect.Config?.Image ?? inspect.Image,
            inspect.State?.Status ?? "unknown",
            inspect.Config?.Hostname ?? string.Empty,
            ContainerMapper.Endpoints(inspect),
            ContainerMapper.Ports(inspect),
            ContainerMapper.Exposed(inspect),
            links,
            env,
            hosts,
            envTruncated,
            hostsTruncated);
        return new ObservedContainer(container, pid);
    }

    private async Task<(IReadOnlyList<HostsEntry> Entries, bool Truncated)> ReadHostsAsync(
        string name, string? path, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(path))
        {
            return ([], false);
        }

        try
        {
            var (bytes, truncated) = await BoundedFile.ReadAsync(path, ObservationLimits.HostsFileBytes, cancellationToken);
            return HostsFileParser.Parse(bytes, truncated);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // A never-started container has no hosts file yet; a removed one lost it.
            logger.LogInformation("No hosts file for {Container} at {Path}: {Error}", name, path, e.Message);
            return ([], false);
        }
    }

    private async Task<IReadOnlyList<string>> ImageEnvAsync(
        string imageId,
        Dictionary<string, IReadOnlyList<string>> cache,
        CancellationToken cancellationToken)
    {
        if (cache.TryGetValue(imageId, out var cached))
        {
            return cached;
        }

        IReadOnlyList<string> env;
        try
        {
            var image = await client.Images.InspectImageAsync(imageId, cancellationToken);
            env = image.Config?.Env?.ToList() ?? [];
        }
        catch (DockerImageNotFoundException)
        {
            logger.LogInformation("Image {Image} is gone; its variables count as the user's", imageId);
            env = [];
        }
        catch (DockerApiException e)
        {
            logger.LogWarning("Failed reading image {Image}: {Error}", imageId, e.Message);
            env = [];
        }

        cache[imageId] = env;
        return env;
    }
}
