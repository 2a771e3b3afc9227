using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Portal.Lab;

namespace Portal.Host.Tests.Commands;

/// <summary>Ground truth read straight from the lab: rules as iptables-save prints them, a container's inspect, probes.</summary>
public static partial class LabState
{
    /// <summary>iptables-save without its timestamp comments and packet counters (the only parts that move on their own).</summary>
    public static async Task<string> RulesAsync(LabHost host, CancellationToken cancellationToken) =>
        Counters().Replace(string.Join('\n', (await host.IptablesSaveAsync(cancellationToken: cancellationToken)).Split('\n').Where(l => !l.StartsWith('#'))), "[0:0]");

    public static async Task<JsonObject> InspectAsync(LabHost host, string container, CancellationToken cancellationToken)
    {
        using var document = await host.InspectAsync(container, cancellationToken);
        return JsonNode.Parse(document.RootElement.GetRawText())!.AsObject();
    }

    /// <summary>The inspect without what a stop and start of the SAME container changes: times, pid, health log, sandbox and endpoint ids.</summary>
    public static JsonObject WithoutRunVolatile(JsonObject inspect)
    {
        var copy = inspect.DeepClone().AsObject();
        var state = copy["State"]!.AsObject();
        foreach (var field in new[] { "StartedAt", "FinishedAt", "Pid", "Health" })
        {
            state.Remove(field);
        }

        var network = copy["NetworkSettings"]!.AsObject();
        network.Remove("SandboxID");
        network.Remove("SandboxKey");
        network.Remove("EndpointID");
        foreach (var (_, endpoint) in network["Networks"]!.AsObject())
        {
            endpoint!.AsObject().Remove("EndpointID");
        }

        return copy;
    }

    /// <summary>
    /// A TCP connect with a 2 s timeout from inside a container to a listener that answers "hi" (busybox nc has no -z):
    /// true when the answer came back.
    /// </summary>
    public static async Task<bool> ReachesAsync(LabHost host, string from, string address, int port, CancellationToken cancellationToken)
    {
        var result = await host.TryDockerAsync(["exec", from, "sh", "-c", $"nc -w 2 {address} {port} </dev/null"], cancellationToken);
        return result.StandardOutput.Contains("hi", StringComparison.Ordinal);
    }

    [GeneratedRegex(@"\[\d+:\d+\]")]
    private static partial Regex Counters();
}
