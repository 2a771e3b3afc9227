using Docker.DotNet;
using Microsoft.Extensions.Logging;
using Portal.Contracts.Model;
using Portal.Core.Iptables;
using Portal.Core.Observation;
using Portal.Core.Ownership;
using Portal.Host.Docker;
using Portal.Host.Iptables;
using Portal.Host.Netlink;

namespace Portal.Host.Snapshot;

/// <summary>
/// Reads the whole host (engine, kernel links, iptables) and assembles one <see cref="HostSnapshot"/>.
/// Every part that fails says what it was reading.
/// </summary>
public sealed class SnapshotAssembler(string host, IDockerClient docker, IptablesReader iptables, ILogger logger)
{
    private readonly ContainerReader _containers = new(docker, logger);
    private readonly KernelReader _kernel = new(logger);

    public IptablesReader Iptables => iptables;

    public async Task<HostObservation> ReadAsync(long sequence, CancellationToken cancellationToken)
    {
        var ruleset = await iptables.ReadAsync(cancellationToken);
        return await ReadAsync(sequence, ruleset, cancellationToken);
    }

    /// <summary>Reads engine and kernel, reusing a ruleset already read (the rule watcher's latest).</summary>
    public async Task<HostObservation> ReadAsync(long sequence, Ruleset ruleset, CancellationToken cancellationToken)
    {
        var version = await ObservationException.WrapAsync(
            "the Docker engine version", () => docker.System.GetVersionAsync(cancellationToken), cancellationToken);
        var networks = await ObservationException.WrapAsync(
            "the Docker networks", () => NetworkReader.ReadAsync(docker, cancellationToken), cancellationToken);
        var containers = await _containers.ReadAsync(cancellationToken);
        var pids = containers.Where(c => c.Pid > 0).ToDictionary(c => c.Container.Name, c => c.Pid, StringComparer.Ordinal);
        var kernel = await ObservationException.WrapAsync(
            "the kernel's links (netlink)", () => _kernel.ReadAsync(pids, cancellationToken), cancellationToken);

        var bridges = BridgeAssembler.Assemble(networks, kernel, logger);
        var models = containers.Select(c => c.Container).ToList();
        var rules = RuleOwnership.Resolve(ruleset, bridges, models);
        // Every snapshot (and so every delta cut from two of them) fits the server's hub message limit.
        var snapshot = SnapshotBudget.Fit(new HostSnapshot(
            host,
            sequence,
            DateTimeOffset.UtcNow,
            version.Version,
            iptables.Backend.Name,
            bridges,
            models,
            rules), ObservationLimits.SnapshotContainersBytes);
        return new HostObservation(snapshot, ruleset, networks, containers);
    }
}
