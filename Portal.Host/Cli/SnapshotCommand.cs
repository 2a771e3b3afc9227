using System.Text.Json;
using Microsoft.Extensions.Logging;
using Portal.Contracts.Model;
using Portal.Contracts.Wire;
using Portal.Host.Docker;
using Portal.Host.Iptables;
using Portal.Host.Snapshot;

namespace Portal.Host.Cli;

/// <summary><c>Portal.Host snapshot</c>: reads the host once and prints the snapshot as JSON on stdout.</summary>
public static class SnapshotCommand
{
    public static async Task<int> RunAsync(AgentOptions options, ILogger logger, CancellationToken cancellationToken)
    {
        using var docker = DockerClientFactory.Create(options.Docker);
        var backend = await ObservationException.WrapAsync(
            "the firewall backend", () => IptablesBackend.DetectAsync(docker, cancellationToken), cancellationToken);
        var assembler = new SnapshotAssembler(options.Host ?? Environment.MachineName, docker, new IptablesReader(backend), logger);
        var observation = await assembler.ReadAsync(0, cancellationToken);
        await using var stdout = Console.OpenStandardOutput();
        await JsonSerializer.SerializeAsync(stdout, observation.Snapshot, WireJson.Info<HostSnapshot>(WireJson.Indented), cancellationToken);
        await stdout.WriteAsync("\n"u8.ToArray(), cancellationToken);
        return 0;
    }
}
