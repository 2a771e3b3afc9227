using System.Text.Json.Nodes;
using Portal.Lab;
using Portal.Lab.Stack;
using Portal.Scenarios.Tests.Changes;

namespace Portal.Scenarios.Tests.Analysis;

using Lab = Portal.Lab.Lab;

/// <summary>
/// The ground truth of the offline analysis: on a lab host with a linked pair, a published port and a removed link
/// child (its link rules stale), <c>Portal.Host analyze</c> on a fresh capture gives every rule the owner the running
/// portal's agent reports for that host (<c>GET /api/hosts/{host}/state</c>).
/// </summary>
public sealed class AnalyzeCaptureScenarioTests(ScenarioStack fixture)
{
    private static readonly LabHost Host = Lab.Docker1;

    [Fact]
    public async Task Analyze_FreshCaptureOfALabHost_OwnersEqualThePortalsStateRuleForRule()
    {
        var ct = TestContext.Current.CancellationToken;
        var p = Lab.UniqueName("ana-");
        var (web, db, client) = ($"{p}-web", $"{p}-db", $"{p}-client");
        var port = Random.Shared.Next(30000, 32000);
        var api = new PortalApi(fixture.Stack.Admin, Host.Name);
        try
        {
            await Host.DockerAsync(["run", "-d", "--name", web, "-p", $"{port}:80", "--expose", "9000", "busybox", "sh", "-c", ChangeLab.Idle], ct);
            await Host.DockerAsync(["run", "-d", "--name", db, "--expose", "5432", "busybox", "sh", "-c", ChangeLab.Idle], ct);
            await Host.DockerAsync(["run", "-d", "--name", client, "--link", $"{web}:web", "--link", $"{db}:db", "busybox", "sh", "-c", ChangeLab.Idle], ct);
            await api.WaitContainersAsync(ct, web, client);
            await Host.DockerAsync(["rm", "-f", db], ct);

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
                    return difference is null && report["rules"]!.AsArray().Any(r => r!["text"]!.GetValue<string>().Contains("--dport 5432 ", StringComparison.Ordinal));
                },
                TimeSpan.FromSeconds(60),
                () => Task.FromResult($"the analysis of a capture of {Host.Name} equals the portal's state: {difference ?? "no stale link rule to " + db}"),
                ct);

            var findings = report!["findings"]!.AsArray();
            Assert.Contains(findings, f => f!["kind"]!.GetValue<string>() == "stale-link-rule" && f["container"]?.GetValue<string>() == client
                && f["rule"]!.GetValue<string>().Contains("--dport 5432 ", StringComparison.Ordinal));
            Assert.DoesNotContain(findings, f => f!["kind"]!.GetValue<string>() == "stale-link-rule" && f["message"]!.GetValue<string>().Contains(web, StringComparison.Ordinal));
        }
        finally
        {
            await Host.RemoveByPrefixAsync(p, CancellationToken.None);
        }
    }

    private static async Task<JsonNode> AnalyzeAsync(HostCapture capture, CancellationToken cancellationToken)
    {
        var result = await LabCommand.RunAsync(
            "dotnet",
            [PortalBinaries.Agent, "analyze", "--rules", capture.Rules, "--containers", capture.Containers, "--networks", capture.Networks],
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
