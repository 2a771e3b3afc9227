using System.Text.Json.Nodes;
using Portal.Lab;
using Portal.Lab.Stack;

namespace Portal.Host.Tests.Cli;

/// <summary>
/// The published agent's <c>analyze</c> on the lab capture (tests/Portal.Core.Tests/Analysis/Capture), as a user runs it:
/// no root, no Docker, no server; JSON on stdout with the owners the agent reported for that host; exit 2 naming the
/// file and the line for a wrong file.
/// </summary>
public sealed class AnalyzeCommandTests
{
    private static readonly string Capture = Path.Combine(Portal.Lab.Lab.RepositoryRoot, "tests", "Portal.Core.Tests", "Analysis", "Capture");

    private static string File(string name) => Path.Combine(Capture, name);

    private static Task<LabCommandResult> RunAgentAsync(string[] arguments, CancellationToken cancellationToken)
    {
        var agent = PortalBinaries.Agent;
        return LabCommand.RunAsync(agent[0], [.. agent[1..], .. arguments], cancellationToken);
    }

    [Fact]
    public async Task Analyze_LabCapture_PrintsOwnersOfTheAgentsSnapshotAndFindings()
    {
        var result = await RunAgentAsync(["analyze", "--rules", File("rules.txt"), "--rules6", File("rules6.txt"),
             "--containers", File("containers.json"), "--networks", File("networks.json")],
            TestContext.Current.CancellationToken);

        Assert.Equal(0, result.ExitCode);
        var report = JsonNode.Parse(result.StandardOutput)!.AsObject();
        var snapshot = JsonNode.Parse(await System.IO.File.ReadAllTextAsync(File("snapshot.json"), TestContext.Current.CancellationToken))!["rules"]!.AsArray();
        var rules = report["rules"]!.AsArray();
        Assert.Equal(
            snapshot.Select(r => $"{r!["table"]} {r["chain"]} {r["text"]} {r["owner"]!.ToJsonString()}"),
            rules.Select(r => $"{r!["table"]} {r["chain"]} {r["text"]} {r["owner"]!.ToJsonString()}"));
        var kinds = report["findings"]!.AsArray().Select(f => f!["kind"]!.GetValue<string>()).ToList();
        Assert.Contains("stale-link-rule", kinds);
        Assert.Contains("input-bypass", kinds);
        Assert.Contains("unowned-rule", kinds);
        Assert.Contains("docker-version", kinds);
    }

    [Fact]
    public async Task Analyze_NetworksFileGivenAsRules_ExitsTwoNamingFileAndLine()
    {
        var result = await RunAgentAsync(["analyze", "--rules", File("networks.json"), "--containers", File("containers.json"), "--networks", File("networks.json")],
            TestContext.Current.CancellationToken);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains($"{File("networks.json")} line 1: expected a table", result.StandardError);
        Assert.Equal(string.Empty, result.StandardOutput);
    }

    [Fact]
    public async Task Analyze_WithoutContainers_ExitsTwoWithUsage()
    {
        var result = await RunAgentAsync(["analyze", "--rules", File("rules.txt"), "--networks", File("networks.json")],
            TestContext.Current.CancellationToken);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--containers", result.StandardError);
        Assert.Contains("usage:", result.StandardError);
    }

    [Fact]
    public async Task AnalyzeHelp_ListsItsOptions()
    {
        var result = await RunAgentAsync(["analyze", "--help"], TestContext.Current.CancellationToken);

        Assert.Equal(0, result.ExitCode);
        foreach (var option in new[] { "--rules", "--rules6", "--containers", "--networks" })
        {
            Assert.Contains(option, result.StandardOutput);
        }
    }
}
