using Portal.Lab;
using Portal.Lab.Stack;

namespace Portal.Host.Tests.Cli;

/// <summary>The built agent's <c>--help</c> and usage errors, as an operator meets them.</summary>
public sealed class HelpTests
{
    [Fact]
    public async Task RunHelp_ListsEveryOptionAndTheEnvironmentFallbacks()
    {
        var result = await LabCommand.RunAsync("env", [.. PortalBinaries.Agent, "run", "--help"], TestContext.Current.CancellationToken);

        Assert.Equal(0, result.ExitCode);
        foreach (var option in new[]
                 {
                     "--server", "--token", "--token-file", "--docker", "--host", "--state", "--ca-file", "--allow-insecure-http", "--verbose",
                     "PORTAL_AGENT_TOKEN", "PORTAL_AGENT_STATE", "PORTAL_HOST", "PORTAL_DOCKER",
                 })
        {
            Assert.Contains(option, result.StandardOutput);
        }
    }

    [Theory]
    [InlineData("snapshot")]
    [InlineData("execute")]
    public async Task SnapshotAndExecuteHelp_ListTheirOptionsOnly(string command)
    {
        var result = await LabCommand.RunAsync("env", [.. PortalBinaries.Agent, command, "--help"], TestContext.Current.CancellationToken);

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("--docker", result.StandardOutput);
        Assert.Contains("--host", result.StandardOutput);
        Assert.DoesNotContain("--server", result.StandardOutput);
    }

    [Fact]
    public async Task RootHelp_NamesTheThreeCommands()
    {
        var result = await LabCommand.RunAsync("env", [.. PortalBinaries.Agent, "--help"], TestContext.Current.CancellationToken);

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("run", result.StandardOutput);
        Assert.Contains("snapshot", result.StandardOutput);
        Assert.Contains("execute", result.StandardOutput);
    }

    [Fact]
    public async Task Run_WithoutServer_ExitsTwoNamingIt()
    {
        var result = await LabCommand.RunAsync(
            "env", ["PORTAL_AGENT_TOKEN=t", .. PortalBinaries.Agent, "run", "--docker", "unix:///nonexistent.sock"],
            TestContext.Current.CancellationToken);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("run needs --server URL", result.StandardError);
        Assert.Contains("usage:", result.StandardError);
    }

    [Fact]
    public async Task Run_DockerNotAUnixSocket_ExitsTwoNamingIt()
    {
        var result = await LabCommand.RunAsync(
            "env", ["PORTAL_AGENT_TOKEN=t", .. PortalBinaries.Agent, "run", "--server", "http://127.0.0.1:9", "--docker", "tcp://127.0.0.1:2375"],
            TestContext.Current.CancellationToken);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--docker must be unix:///path/docker.sock", result.StandardError);
    }

    [Fact]
    public async Task Execute_UnknownOption_ExitsTwoNamingIt()
    {
        var result = await LabCommand.RunAsync(
            "env", [.. PortalBinaries.Agent, "execute", "--docker", "unix:///d.sock", "--server", "http://127.0.0.1:9"],
            TestContext.Current.CancellationToken);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--server", result.StandardError);
    }
}
