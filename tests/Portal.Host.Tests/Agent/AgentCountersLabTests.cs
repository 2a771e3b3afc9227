using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Portal.Contracts.Model;
using Portal.Lab;
using TheLab = Portal.Lab.Lab;

namespace Portal.Host.Tests.Agent;

/// <summary>
/// The agent's rule counters on docker3 (iptables legacy, where the rule watcher polls the rules every 250 ms) with
/// <c>--counters-interval 0.5</c>: a full batch first; after three connection attempts through a rule of the test's
/// own, a batch with that rule at exactly the packets and bytes iptables-legacy-save -c prints; no batch ever repeats a
/// counter that did not move; and the moving counts never surface as a rule change (no delta touches the chain).
/// </summary>
[Collection(LabCollection.Name)]
public sealed partial class AgentCountersLabTests
{
    [Fact]
    public async Task Run_TrafficThroughARule_CountsAsIptablesSaveSaysAndNoRuleChange()
    {
        var ct = TestContext.Current.CancellationToken;
        await TheLab.EnsureDocker3UpAsync(ct);
        var host = TheLab.Docker3;
        var comment = TheLab.UniqueName("cnt-");
        var target = $"127.0.{Random.Shared.Next(2, 250)}.{Random.Shared.Next(2, 250)}";
        string[] rule = ["-d", $"{target}/32", "-p", "tcp", "-m", "tcp", "--dport", "9", "-m", "comment", "--comment", comment, "-j", "RETURN"];
        var text = "-A OUTPUT " + string.Join(' ', rule);
        var token = Guid.NewGuid().ToString("N");
        var recording = new AgentRecording(token) { Host = "docker3" };
        await using var server = await AgentRunTests.StartHubAsync(recording, ct);
        var url = server.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        var tokenFile = Path.GetTempFileName();
        await File.WriteAllTextAsync(tokenFile, token, ct);
        var agentLog = new System.Collections.Concurrent.ConcurrentQueue<string>();
        using var agent = AgentRunTests.StartAgent(host, url, tokenFile, agentLog, "--counters-interval", "0.5");
        var held = new Dictionary<(bool, string, string, int, string), RuleCounter>();
        try
        {
            var first = await NextBatchAsync(recording, held, _ => true, ct);
            Assert.True(first.Full, "the first batch of a connection is full");
            Assert.Contains(first.Counters, c => c is { Table: "filter", Chain: "FORWARD", Ipv6: false });
            Assert.Contains(first.Counters, c => c is { Table: "filter", Chain: "FORWARD", Ipv6: true });

            await host.InNamespaceAsync(host.IptablesProgram(), ["-I", "OUTPUT", .. rule], ct);
            await RuleObservedAsync(recording, text, ct);
            await NextBatchAsync(recording, held, b => b.Counters.Any(c => c.Text == text && c.Packets == 0), ct);

            // Three connections to a closed port: three SYNs through the rule (the resets go back to 127.0.0.1).
            for (var i = 0; i < 3; i++)
            {
                await LabCommand.RunAsync("nsenter", [$"--net={host.Namespace}", "busybox", "nc", "-w", "1", target, "9"], ct);
            }

            var truth = await GroundTruthAsync(host, text, ct);
            Assert.Equal(3, truth.Packets);
            var moved = await NextBatchAsync(recording, held, b => b.Counters.Any(c => c.Text == text && c.Packets == truth.Packets), ct);
            var counter = moved.Counters.Single(c => c.Text == text);
            Assert.Equal((truth.Index, truth.Packets, truth.Bytes), (counter.Index, counter.Packets, counter.Bytes));
            Assert.False(moved.Full);

            // Two more reads: counts that moved never show up as a changed OUTPUT chain.
            await NextBatchAsync(recording, held, _ => false, ct, TimeSpan.FromSeconds(1.5));
            Assert.DoesNotContain(DrainDeltas(recording), d => d.Chains?.Any(c => c.Table == "filter" && c.Chain == "OUTPUT") == true);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            Assert.Fail($"timed out waiting for the agent; its log:\n{string.Join('\n', agentLog)}");
        }
        finally
        {
            agent.Kill(entireProcessTree: true);
            await LabCommand.RunAsync("nsenter", [$"--net={host.Namespace}", host.IptablesProgram(), "-D", "OUTPUT", .. rule], CancellationToken.None);
            File.Delete(tokenFile);
        }
    }

    /// <summary>
    /// The next batch that satisfies <paramref name="match"/>; every batch on the way must name only counters that moved
    /// since the last batch that named them (or are new), unless it is a full one.
    /// </summary>
    private static async Task<RuleCounterBatch> NextBatchAsync(
        AgentRecording recording, Dictionary<(bool, string, string, int, string), RuleCounter> held, Func<RuleCounterBatch, bool> match, CancellationToken ct, TimeSpan? within = null)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(within ?? TimeSpan.FromSeconds(60));
        while (true)
        {
            RuleCounterBatch batch;
            try
            {
                batch = await recording.Counters.Reader.ReadAsync(timeout.Token);
            }
            catch (OperationCanceledException) when (within is not null && !ct.IsCancellationRequested)
            {
                return new RuleCounterBatch("docker3", false, []);
            }

            Assert.Equal("docker3", batch.Host);
            foreach (var counter in batch.Counters)
            {
                var key = (counter.Ipv6, counter.Table, counter.Chain, counter.Index, counter.Text);
                Assert.True(batch.Full || !held.TryGetValue(key, out var before) || before != counter, $"sent again without moving: {counter}");
                held[key] = counter;
            }

            if (match(batch))
            {
                return batch;
            }
        }
    }

    /// <summary>Waits for the delta (or snapshot) that brings the rule, reading every message before it.</summary>
    private static async Task RuleObservedAsync(AgentRecording recording, string text, CancellationToken ct)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(TimeSpan.FromSeconds(30));
        while (true)
        {
            var rules = await recording.Messages.Reader.ReadAsync(timeout.Token) switch
            {
                HostDelta delta => delta.Chains?.SelectMany(c => c.Rules) ?? [],
                HostSnapshot snapshot => snapshot.Rules,
                _ => [],
            };
            if (rules.Any(r => r.Text == text))
            {
                return;
            }
        }
    }

    private static List<HostDelta> DrainDeltas(AgentRecording recording)
    {
        var deltas = new List<HostDelta>();
        while (recording.Messages.Reader.TryRead(out var message))
        {
            if (message is HostDelta delta)
            {
                deltas.Add(delta);
            }
        }

        return deltas;
    }

    private static async Task<(int Index, long Packets, long Bytes)> GroundTruthAsync(LabHost host, string text, CancellationToken ct)
    {
        var save = await host.InNamespaceAsync(host.IptablesProgram() + "-save", ["-c", "-t", "filter"], ct);
        var index = 0;
        foreach (var line in save.Split('\n'))
        {
            if (CountedRule().Match(line) is not { Success: true } match || match.Groups["chain"].Value != "OUTPUT")
            {
                continue;
            }

            index++;
            if (match.Groups["text"].Value == text)
            {
                return (index, long.Parse(match.Groups["packets"].Value, CultureInfo.InvariantCulture), long.Parse(match.Groups["bytes"].Value, CultureInfo.InvariantCulture));
            }
        }

        throw new InvalidOperationException($"no rule {text} in:\n{save}");
    }

    [GeneratedRegex(@"^\[(?<packets>\d+):(?<bytes>\d+)\] (?<text>-A (?<chain>\S+) .*)$")]
    private static partial Regex CountedRule();
}
