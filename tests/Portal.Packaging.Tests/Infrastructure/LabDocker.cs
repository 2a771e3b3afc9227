namespace Portal.Packaging.Tests.Infrastructure;

/// <summary>The docker CLI pointed at one lab host's dockerd (its own network namespace, no registry).</summary>
public sealed class LabDocker(string hostName)
{
    private const string Cli = "/usr/bin/docker";

    public string HostName { get; } = hostName;

    public string SocketPath => $"/var/lib/portal-lab/{HostName}/docker.sock";

    /// <summary>Where this dockerd keeps each container's hosts file (its data-root is under the lab).</summary>
    public string ContainersDirectory => $"/var/lib/portal-lab/{HostName}/data/containers";

    public string Endpoint => $"unix://{SocketPath}";

    public Task<string> RunAsync(IEnumerable<string> arguments, CancellationToken cancellationToken,
        IReadOnlyDictionary<string, string>? environment = null, string? workingDirectory = null) =>
        ProcessRunner.RunCheckedAsync(Cli, ["-H", Endpoint, .. arguments], cancellationToken, environment, workingDirectory);

    public Task<ProcessResult> TryRunAsync(IEnumerable<string> arguments, CancellationToken cancellationToken) =>
        ProcessRunner.RunAsync(Cli, ["-H", Endpoint, .. arguments], cancellationToken);

    /// <summary>What the daemon itself says: every container, running or not (the agent reports all of them).</summary>
    public async Task<int> CountContainersAsync(CancellationToken cancellationToken)
    {
        var ids = await RunAsync(["ps", "-a", "-q", "--no-trunc"], cancellationToken);
        return ids.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Length;
    }
}
