using Portal.Lab;
using Portal.Lab.Stack;
using TheLab = Portal.Lab.Lab;

namespace Portal.Host.Tests.Cli;

/// <summary>The snapshot command's failure contract: exit code 1 and, on stderr, what was being read.</summary>
[Collection(LabCollection.Name)]
public sealed class SnapshotCommandTests
{
    [Fact]
    public async Task Snapshot_NoDaemonAtSocket_ExitsOneNamingWhatItRead()
    {
        var ct = TestContext.Current.CancellationToken;
        var missing = Path.Combine(Path.GetTempPath(), TheLab.UniqueName("hst-") + ".sock");

        var result = await LabCommand.RunAsync(
            "nsenter",
            [$"--net={TheLab.Docker1.Namespace}", .. PortalBinaries.Agent, "snapshot", "--docker", $"unix://{missing}", "--host", "docker1"],
            ct);

        Assert.Equal(1, result.ExitCode);
        Assert.Empty(result.StandardOutput);
        Assert.Contains("failed reading the Docker engine version", result.StandardError);
    }

    [Fact]
    public async Task Snapshot_BadCommandLine_ExitsTwoWithUsage()
    {
        var result = await LabCommand.RunAsync("env", [.. PortalBinaries.Agent, "snapshot", "--docker", "tcp://127.0.0.1:2375"], TestContext.Current.CancellationToken);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("usage:", result.StandardError);
    }

    [Fact]
    public async Task Run_PlainHttpToAnotherMachine_ExitsTwoBeforeSendingTheToken()
    {
        var result = await LabCommand.RunAsync(
            "env",
            ["PORTAL_AGENT_TOKEN=t", .. PortalBinaries.Agent, "run", "--server", "http://10.20.30.1:9", "--docker", "unix:///nonexistent.sock"],
            TestContext.Current.CancellationToken);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--server http://10.20.30.1:9/ is plain HTTP to another machine", result.StandardError);
    }
}
