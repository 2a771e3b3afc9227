using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Portal.Contracts.Agent;
using Portal.Contracts.Model;
using Portal.Contracts.Wire;
using Portal.Core.Audit;
using Portal.Lab;
using Portal.Lab.Stack;
using TheLab = Portal.Lab.Lab;

namespace Portal.Host.Tests.Audit;

/// <summary>
/// The agent's rule history in docker1's namespace against a recording hub on the lab bridge: a manual rule is
/// external by iptables, `docker run -p` is Docker's with that container, changes made while the hub is down wait on
/// disk, and an agent killed with SIGKILL mid-changes loses nothing: the stored batches replayed over the first
/// snapshot's rules equal the namespace's own iptables-save.
/// </summary>
[Collection(LabCollection.Name)]
public sealed class AuditLabTests
{
    [Fact]
    public async Task History_ManualDockerOutageAndKill_EveryChangeArrivesAttributed()
    {
        var ct = TestContext.Current.CancellationToken;
        var host = TheLab.Docker1;
        var prefix = TheLab.UniqueName("aud-");
        var chain = prefix;
        var recording = new HistoryRecording();
        var state = Directory.CreateTempSubdirectory("aud-agent-state-").FullName;
        var log = new ConcurrentQueue<string>();
        var hub = await StartHubAsync(recording, 0, ct);
        var port = new Uri(Address(hub)).Port;
        var agent = StartAgent(host, Address(hub), state, log);
        try
        {
            // History starts at the agent's first rules: the first snapshot holds them.
            var first = await recording.Snapshots.Reader.ReadAsync(ct).AsTask().WaitAsync(TimeSpan.FromSeconds(60), ct);
            Assert.Equal("docker1", first.Host);

            // 1. A manual rule in a chain of our own: external, written by iptables.
            await host.InNamespaceAsync("iptables", ["-N", chain], ct);
            await host.InNamespaceAsync("iptables", ["-A", chain, "-s", "10.99.0.1/32", "-j", "RETURN"], ct);
            var manual = await recording.WaitForChangeAsync(c => c.Chain == chain && c.Change == ChangeKind.Added, ct);
            Assert.Equal(($"-A {chain} -s 10.99.0.1/32 -j RETURN", "filter", 1), (manual.Text, manual.Table, manual.Index));
            Assert.Equal(new ChangeCause(CauseKind.External, Process: "iptables"), manual.Cause);

            // 2. docker run -p: DNAT, ACCEPT and MASQUERADE, Docker's, with that container.
            var web = $"{prefix}-web";
            await host.DockerAsync(["run", "-d", "--name", web, "-p", "80", "busybox", "sleep", "3600"], ct);
            using (var inspect = await host.InspectAsync(web, ct))
            {
                var ip = GroundTruth.String(inspect.RootElement, "NetworkSettings", "Networks", "bridge", "IPAddress")!;
                var save = await host.IptablesSaveAsync(null, ct);
                var dnat = await recording.WaitForChangeAsync(c => c.Text.Contains($"-j DNAT --to-destination {ip}:80", StringComparison.Ordinal), ct);
                var accept = await recording.WaitForChangeAsync(c => c.Table == "filter" && c.Text.Contains($"-d {ip}/32", StringComparison.Ordinal) && c.Text.EndsWith("-j ACCEPT", StringComparison.Ordinal), ct);
                var masquerade = await recording.WaitForChangeAsync(c => c.Text.Contains($"-s {ip}/32 -d {ip}/32", StringComparison.Ordinal) && c.Text.EndsWith("-j MASQUERADE", StringComparison.Ordinal), ct);
                foreach (var change in new[] { dnat, accept, masquerade })
                {
                    Assert.Equal(ChangeKind.Added, change.Change);
                    Assert.Equal("docker", WireName.Of(change.Cause.Kind));
                    Assert.Equal(web, change.Cause.Container);
                    Assert.Equal(web, change.Owner.Container);
                    Assert.Contains(change.Text, save.Split('\n'));
                }

                Assert.Equal(("nat", "DOCKER"), (dnat.Table, dnat.Chain));
                Assert.Equal(("filter", "DOCKER"), (accept.Table, accept.Chain));
                Assert.Equal(("nat", "POSTROUTING"), (masquerade.Table, masquerade.Chain));
            }

            // 3. The hub goes away: changes wait on disk and arrive once it is back.
            await hub.StopAsync(ct);
            await hub.DisposeAsync();
            await host.InNamespaceAsync("iptables", ["-A", chain, "-s", "10.99.0.2/32", "-j", "RETURN"], ct);
            await host.DockerAsync(["rm", "-f", web], ct);
            await WaitUntilAsync(() => Directory.GetFiles(Path.Combine(state, "outbox")).Length > 0, ct);
            var outboxFiles = Directory.GetFiles(Path.Combine(state, "outbox")).Length;
            hub = await StartHubAsync(recording, port, ct);
            var late = await recording.WaitForChangeAsync(c => c.Chain == chain && c.Text.Contains("10.99.0.2/32", StringComparison.Ordinal), ct, 60);
            Assert.Equal("external", WireName.Of(late.Cause.Kind));
            await recording.WaitForChangeAsync(c => c.Change == ChangeKind.Removed && c.Cause.Container == web && c.Text.Contains("-j DNAT", StringComparison.Ordinal), ct);
            TestContext.Current.TestOutputHelper?.WriteLine($"outbox held {outboxFiles} batch files while the hub was down");

            // 4. SIGKILL while changes happen, then a restart with the same state folder: nothing is lost.
            var changing = ChangeRulesAsync(host, chain, 40, ct);
            await WaitUntilAsync(() => recording.Changes().Any(c => c.Text.Contains("10.98.", StringComparison.Ordinal)), ct);
            agent.Kill();
            await agent.WaitForExitAsync(ct);
            await changing;
            agent.Dispose();
            agent = StartAgent(host, Address(hub), state, log);

            await WaitUntilAsync(
                async () =>
                {
                    var history = new RuleHistory(first.Rules);
                    foreach (var batch in recording.Batches.Values.OrderBy(b => b.Batch))
                    {
                        history.Apply(batch.Changes);
                    }

                    var save = await host.IptablesSaveAsync(null, ct);
                    return Chains(history.ToSaveLines("nat") + history.ToSaveLines("filter")) == Chains(string.Join('\n', Rules.Lines(save, "nat").Concat(Rules.Lines(save, "filter"))));
                },
                ct,
                60);
            Assert.Single(recording.Batches.Keys.Select(k => k.Journal).Distinct());
            TestContext.Current.TestOutputHelper?.WriteLine($"{recording.Batches.Count} batches stored, {recording.Deliveries} deliveries");
        }
        catch (TimeoutException)
        {
            Assert.Fail($"timed out; the agent's log:\n{string.Join('\n', log)}");
        }
        finally
        {
            agent.Kill();
            agent.Dispose();
            await hub.DisposeAsync();
            await host.RemoveByPrefixAsync(prefix, ct);
            await host.InNamespaceAsync("iptables", ["-F", chain], ct).ContinueWith(_ => { }, TaskScheduler.Default);
            await host.InNamespaceAsync("iptables", ["-X", chain], ct).ContinueWith(_ => { }, TaskScheduler.Default);
            Directory.Delete(state, recursive: true);
        }
    }

    /// <summary>Adds rules and removes every other one, one iptables process each, as fast as they run.</summary>
    private static async Task ChangeRulesAsync(LabHost host, string chain, int count, CancellationToken ct)
    {
        for (var i = 0; i < count; i++)
        {
            await host.InNamespaceAsync("iptables", ["-A", chain, "-s", $"10.98.0.{i}/32", "-j", "RETURN"], ct);
            if (i % 2 == 1)
            {
                await host.InNamespaceAsync("iptables", ["-D", chain, "-s", $"10.98.0.{i - 1}/32", "-j", "RETURN"], ct);
            }
        }
    }

    /// <summary>-A lines grouped by chain, in order within each chain, as one comparable text.</summary>
    private static string Chains(string lines) =>
        string.Join('\n', lines.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .GroupBy(l => l.Split(' ')[1])
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .SelectMany(g => g));

    private static Task WaitUntilAsync(Func<bool> condition, CancellationToken ct, int seconds = 30) =>
        WaitUntilAsync(() => Task.FromResult(condition()), ct, seconds);

    private static async Task WaitUntilAsync(Func<Task<bool>> condition, CancellationToken ct, int seconds = 30)
    {
        var deadline = Stopwatch.StartNew();
        while (!await condition())
        {
            if (deadline.Elapsed > TimeSpan.FromSeconds(seconds))
            {
                throw new TimeoutException();
            }

            await Task.Delay(100, ct);
        }
    }

    private static string Address(WebApplication app) =>
        app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();

    private static async Task<WebApplication> StartHubAsync(HistoryRecording recording, int port, CancellationToken ct)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls($"http://{TheLab.PortalAddress}:{port}");
        builder.Services.AddSingleton(recording);
        builder.Services.AddSignalR(o => o.MaximumReceiveMessageSize = 16 * 1024 * 1024)
            .AddJsonProtocol(o => o.PayloadSerializerOptions = new JsonSerializerOptions(PortalJson.Options));
        var app = builder.Build();
        app.MapHub<HistoryHub>(AgentHubMethods.Path);
        await app.StartAsync(ct);
        return app;
    }

    private static Process StartAgent(LabHost host, string url, string state, ConcurrentQueue<string> log)
    {
        var start = new ProcessStartInfo("nsenter") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in (string[])[$"--net={host.Namespace}", .. PortalBinaries.Agent, "run", "--server", url,
            "--token", "aud-token", "--docker", host.DockerEndpoint, "--host", host.Name, "--state", state, "--allow-insecure-http"])
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
}
