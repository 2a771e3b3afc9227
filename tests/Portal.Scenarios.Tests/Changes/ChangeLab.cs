using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Portal.Lab;

namespace Portal.Scenarios.Tests.Changes;

/// <summary>
/// Ground truth read straight from a lab host, independently of the portal: docker inspect, docker exec env and
/// /etc/hosts, iptables-save, and TCP probes between containers with busybox nc.
/// </summary>
public static partial class ChangeLab
{
    /// <summary>A server answering "hi" on 80, 81 and 9000 (only what the container exposes is meant to be reachable).</summary>
    public const string Listen = "trap 'exit 0' TERM; nc -ll -p 80 -e echo hi & nc -ll -p 81 -e echo hi & nc -ll -p 9000 -e echo hi & wait";

    /// <summary>An idle container that stops at once on SIGTERM (busybox sleep as PID 1 ignores it: a 10 s stop).</summary>
    public const string Idle = "trap 'exit 0' TERM; sleep 3600 & wait";

    /// <summary>A TCP connect with a 2 s timeout from inside a container: true when the listener's "hi" came back.</summary>
    public static async Task<bool> ReachesAsync(LabHost host, string from, string address, int port, CancellationToken cancellationToken)
    {
        var result = await host.TryDockerAsync(["exec", from, "sh", "-c", $"nc -w 2 {address} {port} </dev/null"], cancellationToken);
        return result.StandardOutput.Contains("hi", StringComparison.Ordinal);
    }

    public static async Task<JsonObject> InspectAsync(LabHost host, string name, CancellationToken cancellationToken)
    {
        using var document = await host.InspectAsync(name, cancellationToken);
        return JsonNode.Parse(document.RootElement.GetRawText())!.AsObject();
    }

    public static JsonNode? At(JsonNode root, string path)
    {
        JsonNode? node = root;
        foreach (var part in path.Split('.'))
        {
            node = node?[part];
        }

        return node;
    }

    /// <summary>The container's IPv4 on a network, as docker inspect reports it (null when it has none).</summary>
    public static async Task<string?> AddressAsync(LabHost host, string container, string network, CancellationToken cancellationToken)
    {
        var inspect = await InspectAsync(host, container, cancellationToken);
        return At(inspect, $"NetworkSettings.Networks.{network}.IPAddress")?.GetValue<string>() is { Length: > 0 } ip ? ip : null;
    }

    /// <summary>`docker exec env` lines starting with the prefix, sorted (exec recomputes link variables each time).</summary>
    public static async Task<List<string>> EnvAsync(LabHost host, string container, string prefix, CancellationToken cancellationToken) =>
        [.. (await host.DockerAsync(["exec", container, "env"], cancellationToken))
            .Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Where(v => v.StartsWith(prefix, StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)];

    /// <summary>The container's real /etc/hosts lines that name <paramref name="alias"/>, exactly as written.</summary>
    public static async Task<List<string>> HostsLinesAsync(LabHost host, string container, string alias, CancellationToken cancellationToken) =>
        [.. (await host.DockerAsync(["exec", container, "cat", "/etc/hosts"], cancellationToken))
            .Split('\n')
            .Where(l => !l.StartsWith('#') && l.Split(['\t', ' '], StringSplitOptions.RemoveEmptyEntries).Skip(1).Contains(alias))];

    /// <summary>Removes (forced) every container whose name starts with the prefix, leaving networks alone.</summary>
    public static async Task RemoveContainersAsync(LabHost host, string prefix, CancellationToken cancellationToken)
    {
        var names = (await host.DockerAsync(["ps", "-a", "--format", "{{.Names}}"], cancellationToken))
            .Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Where(n => n.StartsWith(prefix, StringComparison.Ordinal))
            .ToList();
        if (names.Count > 0)
        {
            await host.DockerAsync(["rm", "-f", "-v", .. names], cancellationToken);
        }
    }

    /// <summary>iptables-save of the host without its timestamp comments and packet counters (the parts that move on their own).</summary>
    public static async Task<string> RulesAsync(LabHost host, CancellationToken cancellationToken) =>
        Counters().Replace(
            string.Join('\n', (await host.IptablesSaveAsync(cancellationToken: cancellationToken)).Split('\n').Where(l => !l.StartsWith('#'))),
            "[0:0]");

    /// <summary>The -A lines of one filter chain, in order, as iptables-save prints them.</summary>
    public static async Task<List<string>> ChainAsync(LabHost host, string chain, CancellationToken cancellationToken) =>
        [.. (await host.IptablesSaveAsync("filter", cancellationToken)).Split('\n').Where(l => l.StartsWith($"-A {chain} ", StringComparison.Ordinal))];

    [GeneratedRegex(@"\[\d+:\d+\]")]
    private static partial Regex Counters();
}
