using System.Text.Json;
using Portal.Contracts.Model;
using Portal.Lab;
using Portal.Lab.Stack;

namespace Portal.Host.Tests;

/// <summary>
/// Runs the agent (`Portal.Host snapshot`, the published native executable: <see cref="PortalBinaries.Agent"/>) inside a lab host's namespace, as an operator would, and
/// parses the JSON it prints. In-process code would read the root namespace's kernel and rules instead.
/// </summary>
public static class AgentSnapshot
{
    public static async Task<HostSnapshot> TakeAsync(LabHost host, CancellationToken cancellationToken)
    {
        var result = await LabCommand.RunAsync(
            "nsenter",
            [$"--net={host.Namespace}", .. PortalBinaries.Agent, "snapshot", "--docker", host.DockerEndpoint, "--host", host.Name],
            cancellationToken);
        Assert.True(result.Succeeded, $"{result.CommandLine} exited {result.ExitCode}: {result.StandardError}");
        return JsonSerializer.Deserialize<HostSnapshot>(result.StandardOutput, PortalJson.Options)
            ?? throw new InvalidOperationException("the agent printed null");
    }

    /// <summary>
    /// A snapshot taken while the host's rules and docker0's ports stood still (other helpers share the lab):
    /// the same iptables-save and bridge listing before and after, so they are ground truth for it.
    /// </summary>
    public static async Task<(HostSnapshot Snapshot, string IptablesSave, string BridgePorts)> TakeStableAsync(LabHost host, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            var rulesBefore = await host.IptablesSaveAsync(cancellationToken: cancellationToken);
            var portsBefore = await BridgePortsAsync(host, cancellationToken);
            var snapshot = await TakeAsync(host, cancellationToken);
            var rulesAfter = await host.IptablesSaveAsync(cancellationToken: cancellationToken);
            var portsAfter = await BridgePortsAsync(host, cancellationToken);
            // By content: the chains' rule lists are lists, which tuples would compare by reference (never equal).
            if ((Flat(rulesBefore) == Flat(rulesAfter) && portsBefore == portsAfter) || attempt == 6)
            {
                return (snapshot, rulesAfter, portsAfter);
            }
        }
    }

    private static string Flat(string iptablesSave) =>
        string.Join('\n', GroundTruth.RulesByChain(iptablesSave).SelectMany(c => c.Rules.Select(r => c.Chain + " " + r)));

    public static Task<string> BridgePortsAsync(LabHost host, CancellationToken cancellationToken) =>
        host.InNamespaceAsync("ip", ["-j", "link", "show", "master", "docker0"], cancellationToken);
}
