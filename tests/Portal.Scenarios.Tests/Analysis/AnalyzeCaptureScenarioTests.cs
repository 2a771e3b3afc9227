using System.Text.Json.Nodes;
using Portal.Lab;
using Portal.Lab.Stack;
using Portal.Scenarios.Tests.Changes;

namespace Portal.Scenarios.Tests.Analysis;

using Lab = Portal.Lab.Lab;

/// <summary>
/// The ground truth of the offline analysis: on a lab host with a linked pair and a published port (besides whatever
/// other scenarios run there), <c>Portal.Host analyze</c> on a fresh capture gives every rule the owner the running
/// portal's agent reports for that host (<c>GET /api/hosts/{host}/state</c>). Stale link rules are not part of it: on a
/// host the portal manages, its reconciler removes them within seconds; their owners are checked against the agent's
/// own snapshot of the private capture host instead (tests/Portal.Core.Tests/Analysis).
/// </summary>
public sealed class AnalyzeCaptureScenarioTests(ScenarioStack fixture)
{
    private static readonly LabHost Host = Lab.Docker1;

    [Fact]
    public async Task Analyze_FreshCaptureOfALabHost_OwnersEqualThePortalsStateRuleForRule()
    {
        var ct = TestContext.Current.CancellationToken;
        var p = Lab.UniqueName("ana-");
        var (web, client) = ($"{p}-web", $"{p}-client");
        var port = Lab.HostPort();
        var api = new PortalApi(fixture.Stack.Admin, Host.Name);
        try
        {
            await Host.DockerAsync(["run", "-d", "--name", web, "-p", $"{port}:80", "--expose", "9000", "busybox", "sh", "-c", ChangeLab.Idle], ct);
            await Host.DockerAsync(["run", "-d", "--name", client, "--link", $"{web}:web", "busybox", "sh", "-c", ChangeLab.Idle], ct);
            await api.WaitContainersAsync(ct, web, client);

            // Other scenarios share the host: capture and state are compared once both show the same rules.
            string? difference = null;
            JsonNode? report = null;
            await Poll.UntilAsync(
                async c =>
                {
                    using var capture = await HostCapture.TakeAsync(Host, c);
                    var state = await fixture.Stack.Admin.GetJsonAsync($"/api/hosts/{Host.Name}/state", c);
                    report = await AnalyzeAsync(capture, c);
                    difference = Difference(Rows(state["rules"]!.AsArray(), withIndex: true), Rows(report["rules"]!.AsArray(), withIndex: false));
                    return difference is null && Owners(report, web, client).Count == 3;
                },
                TimeSpan.FromSeconds(60),
                () => Task.FromResult($"the analysis of a capture of {Host.Name} equals the portal's state: {difference ?? $"not yet all of {web}'s and the link's rules"}"),
                ct);

            // The pair's rules are among those compared: the DNAT of the published port, the link's request on each exposed port.
            var owners = Owners(report!, web, client);
            Assert.Equal($"{{\"kind\":\"port\",\"container\":\"{web}\",\"port\":\"{port}/tcp\",\"network\":\"bridge\"}}", owners[0]);
            Assert.All(owners.Skip(1), o => Assert.Contains($"\"kind\":\"link\",\"port\":", o, StringComparison.Ordinal));
            Assert.All(owners.Skip(1), o => Assert.Contains($"\"source\":\"{client}\",\"target\":\"{web}\",\"alias\":\"web\"}}", o, StringComparison.Ordinal));
        }
        finally
        {
            await Host.RemoveByPrefixAsync(p, CancellationToken.None);
        }
    }

    /// <summary>The owners the report gives the web's DNAT and the link's requests to web (port 80, 9000), in that order.</summary>
    private static List<string> Owners(JsonNode report, string web, string client)
    {
        var rules = report["rules"]!.AsArray();
        var dnat = rules.Where(r => r!["chain"]!.GetValue<string>() == "DOCKER" && r["table"]!.GetValue<string>() == "nat"
            && r["owner"]!["container"]?.GetValue<string>() == web);
        var links = rules.Where(r => r!["owner"]!["source"]?.GetValue<string>() == client && r["text"]!.GetValue<string>().Contains("--dport", StringComparison.Ordinal));
        return [.. dnat.Concat(links).Select(r => r!["owner"]!.ToJsonString())];
    }

    private static async Task<JsonNode> AnalyzeAsync(HostCapture capture, CancellationToken cancellationToken)
    {
        var agent = PortalBinaries.Agent;
        var result = await LabCommand.RunAsync(
            agent[0],
            [.. agent[1..], "analyze", "--rules", capture.Rules, "--containers", capture.Containers, "--networks", capture.Networks],
            cancellationToken);
        Assert.True(result.ExitCode == 0, $"analyze exited {result.ExitCode}: {result.StandardError}");
        return JsonNode.Parse(result.StandardOutput)!;
    }

    /// <summary>Each rule as "table chain #n text => owner", n counted per chain in the order given (the state's index, the report's order).</summary>
    private static List<string> Rows(JsonArray rules, bool withIndex)
    {
        var counters = new Dictionary<string, int>(StringComparer.Ordinal);
        var rows = new List<string>();
        foreach (var rule in rules)
        {
            var key = $"{rule!["table"]} {rule["chain"]}";
            var index = withIndex ? rule["index"]!.GetValue<int>() : counters[key] = counters.GetValueOrDefault(key) + 1;
            rows.Add($"{key} #{index} {rule["text"]} => {rule["owner"]!.ToJsonString()}");
        }

        rows.Sort(StringComparer.Ordinal);
        return rows;
    }

    private static string? Difference(List<string> state, List<string> analysis)
    {
        var onlyState = state.Except(analysis).ToList();
        var onlyAnalysis = analysis.Except(state).ToList();
        return onlyState.Count == 0 && onlyAnalysis.Count == 0 && state.Count == analysis.Count
            ? null
            : $"only in the state: [{string.Join("; ", onlyState)}]; only in the analysis: [{string.Join("; ", onlyAnalysis)}]";
    }
}
