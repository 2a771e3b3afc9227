using System.Text.Json.Nodes;
using Portal.Lab;
using Portal.Lab.Stack;
using TheLab = Portal.Lab.Lab;

namespace Portal.Host.Tests.Agent;

/// <summary>
/// The design's command line against the real server: `run --server URL --token-file PATH --docker unix:///...` brings
/// the host online under the name its token was issued for; a `--host` naming another host stops the agent with the
/// reason, and the admin API shows the same reason on the host.
/// </summary>
[Collection(LabCollection.Name)]
public sealed class AgentIdentityLabTests
{
    [Fact]
    public async Task Run_WrongHostThenNoHost_RefusedWithReasonThenOnlineUnderTheTokensName()
    {
        var ct = TestContext.Current.CancellationToken;
        var host = TheLab.Docker1;
        await using var stack = await PortalStack.StartAsync([], ct);
        var tokenFile = Path.Combine(stack.Folder, "docker1.token");
        await File.WriteAllTextAsync(tokenFile, await stack.RegisterAsync(host, ct) + "\n", ct);

        await using (var wrong = StartAgent(stack, host, tokenFile, "--host", "x"))
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
            timeout.CancelAfter(TimeSpan.FromSeconds(60));
            await wrong.WaitForExitAsync(timeout.Token);
            var reason = "token is for host 'docker1', --host says 'x'";
            Assert.True(wrong.ExitCode == 78, $"exit {wrong.ExitCode}; output:\n{wrong.Output}");
            Assert.Contains(reason, wrong.Output);
            var row = await HostRowAsync(stack, ct);
            Assert.Equal(reason, row["lastError"]?.GetValue<string>());
            Assert.False(row["online"]!.GetValue<bool>());
        }

        await using var agent = StartAgent(stack, host, tokenFile);
        var online = await WaitOnlineAsync(stack, agent, ct);
        Assert.Null(online["lastError"]);
        Assert.True(online["containers"]!.GetValue<int>() >= 0);
        Assert.Contains("Agent for host docker1", agent.Output);
    }

    /// <summary>The design's command line (plus the lab's plain HTTP); the state folder moved into the test's own folder.</summary>
    private static RunningProcess StartAgent(PortalStack stack, LabHost host, string tokenFile, params string[] extra) =>
        RunningProcess.Start(
            $"agent {host.Name}",
            "nsenter",
            [$"--net={host.Namespace}", .. PortalBinaries.Agent, "run", "--server", stack.Url.ToString().TrimEnd('/'),
             "--token-file", tokenFile, "--docker", host.DockerEndpoint, "--allow-insecure-http", .. extra],
            new Dictionary<string, string> { ["PORTAL_AGENT_STATE"] = Path.Combine(stack.Folder, "agent-" + host.Name) });

    private static async Task<JsonNode> HostRowAsync(PortalStack stack, CancellationToken ct) =>
        (await stack.Admin.GetJsonAsync("/api/hosts", ct)).AsArray().Single(h => h!["name"]!.GetValue<string>() == "docker1")!;

    private static Task<JsonNode> WaitOnlineAsync(PortalStack stack, RunningProcess agent, CancellationToken ct) =>
        PortalSession.EventuallyAsync(
            async c => await HostRowAsync(stack, c) is { } row && row["online"]!.GetValue<bool>() ? row : null,
            TimeSpan.FromSeconds(60),
            "docker1 online; agent said:\n" + agent.Output,
            ct);
}
