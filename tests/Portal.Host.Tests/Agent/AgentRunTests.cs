using System.Diagnostics;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Portal.Contracts.Agent;
using Portal.Contracts.Commands;
using Portal.Contracts.Model;
using Portal.Contracts.Wire;
using Portal.Lab;
using Portal.Lab.Stack;
using TheLab = Portal.Lab.Lab;

namespace Portal.Host.Tests.Agent;

/// <summary>
/// The agent's `run` mode inside docker1's namespace, talking SignalR to a recording hub on the lab bridge
/// (10.20.30.1): a snapshot on connect, then consecutive deltas carrying only the changed chains, for a container with a
/// published port and for a rule written by hand; the history batches attribute them (Docker with that container;
/// external, by iptables).
/// </summary>
[Collection(LabCollection.Name)]
public sealed class AgentRunTests
{
    [Fact]
    public async Task Run_ContainerAndManualRule_SnapshotThenConsecutiveAttributedDeltas()
    {
        var ct = TestContext.Current.CancellationToken;
        var host = TheLab.Docker1;
        var prefix = TheLab.UniqueName("hst-");
        var token = Guid.NewGuid().ToString("N");
        var recording = new AgentRecording(token);
        await using var server = await StartHubAsync(recording, ct);
        var url = server.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        var tokenFile = Path.GetTempFileName();
        await File.WriteAllTextAsync(tokenFile, token, ct);
        var agentLog = new System.Collections.Concurrent.ConcurrentQueue<string>();
        using var agent = StartAgent(host, url, tokenFile, agentLog);
        var chain = prefix.ToUpperInvariant();
        try
        {
            await RunScenarioAsync();
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            Assert.Fail($"timed out waiting for the agent (hub at {url}, refused {recording.Refused}); its log:\n{string.Join('\n', agentLog)}");
        }
        finally
        {
            agent.Kill(entireProcessTree: true);
            await host.RemoveByPrefixAsync(prefix, ct);
            await host.InNamespaceAsync("iptables", ["-F", chain], ct).ContinueWith(_ => { }, TaskScheduler.Default);
            await host.InNamespaceAsync("iptables", ["-X", chain], ct).ContinueWith(_ => { }, TaskScheduler.Default);
            File.Delete(tokenFile);
        }

        async Task RunScenarioAsync()
        {
            var snapshot = await NextAsync<HostSnapshot>(recording, _ => true, ct);
            Assert.Equal("docker1", snapshot.Host);
            var sequence = snapshot.Sequence;
            var deltas = new List<HostDelta>();

            var web = $"{prefix}-web";
            await host.DockerAsync(["run", "-d", "--name", web, "-p", "80", "busybox", "sleep", "3600"], ct);
            using var inspect = await host.InspectAsync(web, ct);
            var ip = GroundTruth.String(inspect.RootElement, "NetworkSettings", "Networks", "bridge", "IPAddress")!;
            var dnatText = $"--to-destination {ip}:80";
            // The chain comes whole, so it may also hold other containers' rules (and a stale one to a reused address).
            var dnat = await CollectUntilAsync(recording, deltas, d => Chain(d, "nat", "DOCKER")?.Rules.Any(r => r.Text.Contains(dnatText) && r.Owner.Container == web) == true, ct);
            var rule = Chain(dnat, "nat", "DOCKER")!.Rules.First(r => r.Text.Contains(dnatText) && r.Owner.Container == web);
            Assert.Equal(RuleOwnerKind.Port, rule.Owner.Kind);
            Assert.Contains(rule.Text, (await host.IptablesSaveAsync("nat", ct)).Split('\n'));
            var change = await HistoryUntilAsync(recording, c => c.Text == rule.Text && c.Change == ChangeKind.Added, ct);
            Assert.Equal(ChangeKind.Added, change.Change);
            Assert.Equal(("nat", "DOCKER"), (change.Table, change.Chain));
            Assert.Equal("docker", WireName.Of(change.Cause.Kind));
            Assert.Equal(web, change.Cause.Container);
            Assert.Equal(web, change.Owner.Container);
            await CollectUntilAsync(recording, deltas, d => d.UpsertedContainers?.Any(c => c.Name == web && c.State == "running") == true, ct);

            await host.InNamespaceAsync("iptables", ["-N", chain], ct);
            var clock = Stopwatch.StartNew();
            await host.InNamespaceAsync("iptables", ["-A", chain, "-j", "RETURN"], ct);
            var manual = await CollectUntilAsync(recording, deltas, d => Chain(d, "filter", chain)?.Rules.Count > 0, ct);
            TestContext.Current.TestOutputHelper?.WriteLine($"manual rule to delta at the hub: {clock.ElapsedMilliseconds} ms (iptables process start included)");

            // A delta carries only the chains that changed, each whole: here the one new rule, not the host's rule list.
            var only = Assert.Single(manual.Chains!);
            Assert.Equal(($"-A {chain} -j RETURN", 1), (Assert.Single(only.Rules).Text, only.Rules[0].Index));
            var external = await HistoryUntilAsync(recording, c => c.Chain == chain, ct);
            Assert.Equal(($"-A {chain} -j RETURN", ChangeKind.Added), (external.Text, external.Change));
            Assert.Equal(new ChangeCause(CauseKind.External, Process: "iptables"), external.Cause);

            Assert.Equal(Enumerable.Range(1, deltas.Count).Select(i => sequence + i), deltas.Select(d => d.Sequence));
            Assert.Equal(0, recording.Refused);
            Assert.Equal((HttpTransportType.WebSockets, false), (recording.Transport, recording.QueryHadToken));

            // The server may ask for a snapshot at any time; a command is executed and answered (Docker's 404 for a network that is not there).
            var hub = server.Services.GetRequiredService<IHubContext<RecordingAgentHub>>();
            await hub.Clients.Client(recording.ConnectionId!).SendAsync(AgentHubMethods.RequestSnapshot, ct);
            var again = await NextAsync<HostSnapshot>(recording, _ => true, ct, deltas);
            Assert.Equal(deltas[^1].Sequence, again.Sequence);
            Assert.Contains(again.Containers, c => c.Name == web);
            var result = await hub.Clients.Client(recording.ConnectionId!).InvokeAsync<CommandResult>(
                AgentHubMethods.Execute, new AgentCommandEnvelope(new RemoveNetworkCommand($"{prefix}-none")), ct);
            Assert.Equal(404, result.Status);
            Assert.Contains($"{prefix}-none", result.Error);
        }
    }

    internal static async Task<WebApplication> StartHubAsync(AgentRecording recording, CancellationToken ct)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls($"http://{TheLab.PortalAddress}:0");
        builder.Services.AddSingleton(recording);
        builder.Services.AddSignalR().AddJsonProtocol(o => o.PayloadSerializerOptions = new JsonSerializerOptions(PortalJson.Options));
        var app = builder.Build();
        app.MapHub<RecordingAgentHub>(AgentHubMethods.Path);
        await app.StartAsync(ct);
        return app;
    }

    internal static Process StartAgent(LabHost host, string url, string tokenFile, System.Collections.Concurrent.ConcurrentQueue<string> log, params string[] more)
    {
        var start = new ProcessStartInfo("nsenter") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in (string[])[$"--net={host.Namespace}", .. PortalBinaries.Agent, "run", "--server", url,
            "--token-file", tokenFile, "--docker", host.DockerEndpoint, "--allow-insecure-http", .. more])
        {
            start.ArgumentList.Add(argument);
        }

        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) log.Enqueue(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) log.Enqueue(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    private static async Task<T> NextAsync<T>(AgentRecording recording, Func<T, bool> match, CancellationToken ct, List<HostDelta>? deltas = null)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(TimeSpan.FromSeconds(60));
        while (true)
        {
            var message = await recording.Messages.Reader.ReadAsync(timeout.Token);
            if (message is T typed && match(typed))
            {
                return typed;
            }

            if (message is HostDelta delta)
            {
                deltas?.Add(delta);
            }
        }
    }

    private static ChainRules? Chain(HostDelta delta, string table, string chain) =>
        delta.Chains?.FirstOrDefault(c => c.Table == table && c.Chain == chain);

    /// <summary>The first recorded rule change (from the agent's history batches) that matches.</summary>
    private static async Task<RuleChange> HistoryUntilAsync(AgentRecording recording, Func<RuleChange, bool> match, CancellationToken ct)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(TimeSpan.FromSeconds(30));
        while (true)
        {
            var batch = await recording.History.Reader.ReadAsync(timeout.Token);
            if (batch.Changes.FirstOrDefault(match) is { } change)
            {
                return change;
            }
        }
    }

    private static async Task<HostDelta> CollectUntilAsync(AgentRecording recording, List<HostDelta> deltas, Func<HostDelta, bool> match, CancellationToken ct)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(TimeSpan.FromSeconds(30));
        foreach (var seen in deltas)
        {
            if (match(seen))
            {
                return seen;
            }
        }

        while (true)
        {
            var message = await recording.Messages.Reader.ReadAsync(timeout.Token);
            if (message is HostSnapshot again)
            {
                // The agent may send a snapshot at any time (a send it could not finish, the engine reconnecting): the
                // protocol only asks that it carries the last delta's number, so the deltas after it stay consecutive.
                if (deltas.Count > 0)
                {
                    Assert.Equal(deltas[^1].Sequence, again.Sequence);
                }

                continue;
            }

            var delta = Assert.IsType<HostDelta>(message);
            deltas.Add(delta);
            if (match(delta))
            {
                return delta;
            }
        }
    }
}
