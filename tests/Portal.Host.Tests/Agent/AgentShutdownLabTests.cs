using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Portal.Lab;
using Portal.Lab.Stack;
using TheLab = Portal.Lab.Lab;

namespace Portal.Host.Tests.Agent;

/// <summary>
/// A graceful stop, as systemd gives it: SIGTERM to a running, connected agent ends it with exit code 0 within
/// seconds, and its xtables-monitor child goes with it (an orphaned monitor would hold a netlink socket forever).
/// </summary>
[Collection(LabCollection.Name)]
public sealed partial class AgentShutdownLabTests
{
    [Fact]
    public async Task Sigterm_ConnectedAgent_ExitsZeroAndLeavesNoXtablesMonitor()
    {
        var ct = TestContext.Current.CancellationToken;
        var host = TheLab.Docker1;
        await using var stack = await PortalStack.StartAsync([], ct);
        var tokenFile = Path.Combine(stack.Folder, "docker1.token");
        await File.WriteAllTextAsync(tokenFile, await stack.RegisterAsync(host, ct) + "\n", ct);

        await using var agent = RunningProcess.Start(
            $"agent {host.Name}",
            "nsenter",
            [$"--net={host.Namespace}", .. PortalBinaries.Agent, "run", "--server", stack.Url.ToString().TrimEnd('/'),
             "--token-file", tokenFile, "--docker", host.DockerEndpoint, "--allow-insecure-http"],
            new Dictionary<string, string> { ["PORTAL_AGENT_STATE"] = Path.Combine(stack.Folder, "agent-" + host.Name) });
        await PortalSession.EventuallyAsync(
            async c => (await stack.Admin.GetJsonAsync("/api/hosts", c)).AsArray()
                .Single(h => h!["name"]!.GetValue<string>() == "docker1")!["online"]!.GetValue<bool>() ? "online" : null,
            TimeSpan.FromSeconds(60),
            "docker1 online; agent said:\n" + agent.Output,
            ct);
        var monitorPid = int.Parse(await PortalSession.EventuallyAsync(
            _ => Task.FromResult(MonitorStarted().Match(agent.Output) is { Success: true } m ? m.Groups[1].Value : null),
            TimeSpan.FromSeconds(30),
            "xtables-monitor started; agent said:\n" + agent.Output,
            ct));
        Assert.True(IsXtablesMonitor(monitorPid), $"pid {monitorPid} is not a running xtables-monitor before the stop");

        await LabCommand.RunAsync("kill", ["-TERM", agent.Id.ToString()], ct);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(TimeSpan.FromSeconds(10));
        await agent.WaitForExitAsync(timeout.Token);

        Assert.True(agent.ExitCode == 0, $"exit {agent.ExitCode}; agent said:\n{agent.Output}");
        await Task.Delay(TimeSpan.FromMilliseconds(200), ct);
        Assert.False(IsXtablesMonitor(monitorPid), $"xtables-monitor (pid {monitorPid}) outlived the agent");
    }

    private static bool IsXtablesMonitor(int pid)
    {
        try
        {
            return File.ReadAllText($"/proc/{pid}/cmdline").Contains("xtables-monitor", StringComparison.Ordinal)
                   && !File.ReadAllText($"/proc/{pid}/stat").Split(' ')[2].StartsWith('Z');
        }
        catch (IOException)
        {
            return false;
        }
    }

    [GeneratedRegex(@"xtables-monitor started \(pid (\d+)\)")]
    private static partial Regex MonitorStarted();
}
