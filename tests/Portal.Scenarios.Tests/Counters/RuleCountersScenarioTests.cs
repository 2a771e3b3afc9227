using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Portal.Lab;
using Portal.Scenarios.Tests.Changes;

namespace Portal.Scenarios.Tests.Counters;

using Lab = Portal.Lab.Lab;

/// <summary>
/// Issue 12 item 4 against ground truth: real traffic from one lab container to another crosses a rule the test put at
/// the top of DOCKER-USER (matching only that pair, RETURN, so it changes nothing but counts); once the traffic has
/// stopped, <c>GET /api/hosts/{host}/counters</c> answers that rule's packets and bytes exactly as <c>iptables-save -c</c>
/// run by the test in the host's namespace prints them, under the index and text the host's rules show. On docker1
/// (nf_tables) and docker3 (legacy, where the rule watcher polls every 250 ms, and IPv6 counters are read too).
/// </summary>
public sealed partial class RuleCountersScenarioTests(ScenarioStack fixture)
{
    [Theory]
    [InlineData("docker1")]
    [InlineData("docker3")]
    public async Task TrafficAcrossARule_ApiCountsEqualIptablesSave(string hostName)
    {
        var ct = TestContext.Current.CancellationToken;
        var host = Lab.Named(hostName);
        var session = fixture.Stack.Admin;
        var p = Lab.UniqueName("cnt-");
        var (network, server, client) = ($"{p}-net", $"{p}-server", $"{p}-client");
        string[]? rule = null;
        try
        {
            await host.DockerAsync(["network", "create", network], ct);
            await host.DockerAsync(["run", "-d", "--name", server, "--network", network, "busybox", "sh", "-c", "trap 'exit 0' TERM; nc -ll -p 80 -e echo hi & wait"], ct);
            await host.DockerAsync(["run", "-d", "--name", client, "--network", network, "busybox", "sleep", "3600"], ct);
            var serverAddress = await AddressAsync(host, server, network, ct);
            var clientAddress = await AddressAsync(host, client, network, ct);
            rule = ["-s", $"{clientAddress}/32", "-d", $"{serverAddress}/32", "-p", "tcp", "-m", "tcp", "--dport", "80", "-m", "comment", "--comment", p, "-j", "RETURN"];
            await host.InNamespaceAsync(host.IptablesProgram(), ["-I", "DOCKER-USER", .. rule], ct);

            // The agent sees the rule before the traffic starts: its first count for it is zero.
            await Poll.UntilAsync(async t => await ApiCounterAsync(session, host, p, t) is { Packets: 0 }, TimeSpan.FromSeconds(30), "the API counts the new rule at zero", ct);

            var answered = 0;
            for (var i = 0; i < 5; i++)
            {
                var reply = await host.TryDockerAsync(["exec", client, "nc", "-w", "2", serverAddress, "80"], ct);
                answered += reply.StandardOutput.Contains("hi", StringComparison.Ordinal) ? 1 : 0;
            }

            Assert.Equal(5, answered);

            // The traffic has stopped: the truth stays put. One interval (2 s) later the API must say the same.
            (int Index, long Packets, long Bytes)? truth = null;
            (int Index, string Text, long Packets, long Bytes)? answer = null;
            await Poll.UntilAsync(
                async t =>
                {
                    truth = await GroundTruthAsync(host, p, t);
                    await Task.Delay(TimeSpan.FromSeconds(2.5), t);
                    answer = await ApiCounterAsync(session, host, p, t);
                    return answer is { } a && truth is { } g && a.Index == g.Index && a.Packets == g.Packets && a.Bytes == g.Bytes;
                },
                TimeSpan.FromSeconds(30),
                () => Task.FromResult($"iptables-save -c says {truth}, the API {answer}"),
                ct);

            Assert.True(truth!.Value.Packets > 0, "the traffic crossed the rule");
            Assert.Equal($"-A DOCKER-USER {string.Join(' ', rule)}", answer!.Value.Text);

            // The counted rule is the one the host's rules show at that index, with that text.
            var rules = (await session.GetJsonAsync($"/api/hosts/{host.Name}/rules?table=filter&chain=DOCKER-USER", ct)).AsArray();
            Assert.Contains(rules, r => r!["index"]!.GetValue<int>() == answer.Value.Index && r["text"]!.GetValue<string>() == answer.Value.Text && r["ipv6"] is null);
        }
        finally
        {
            if (rule is not null)
            {
                await LabCommand.RunAsync("nsenter", [$"--net={host.Namespace}", host.IptablesProgram(), "-D", "DOCKER-USER", .. rule], CancellationToken.None);
            }

            await host.RemoveByPrefixAsync(p, CancellationToken.None);
        }
    }

    private static async Task<string> AddressAsync(LabHost host, string container, string network, CancellationToken cancellationToken)
    {
        using var inspect = await host.InspectAsync(container, cancellationToken);
        return inspect.RootElement.GetProperty("NetworkSettings").GetProperty("Networks").GetProperty(network).GetProperty("IPAddress").GetString()!;
    }

    /// <summary>The rule's index in DOCKER-USER and its counts, read by hand from iptables-save -c in the host's namespace.</summary>
    private static async Task<(int Index, long Packets, long Bytes)?> GroundTruthAsync(LabHost host, string comment, CancellationToken cancellationToken)
    {
        var save = await host.InNamespaceAsync(host.IptablesProgram() + "-save", ["-c", "-t", "filter"], cancellationToken);
        var index = 0;
        foreach (var line in save.Split('\n'))
        {
            var match = CountedRule().Match(line);
            if (!match.Success || match.Groups["chain"].Value != "DOCKER-USER")
            {
                continue;
            }

            index++;
            if (line.Contains($"--comment {comment} ", StringComparison.Ordinal))
            {
                return (index, long.Parse(match.Groups["packets"].Value, CultureInfo.InvariantCulture), long.Parse(match.Groups["bytes"].Value, CultureInfo.InvariantCulture));
            }
        }

        return null;
    }

    private static async Task<(int Index, string Text, long Packets, long Bytes)?> ApiCounterAsync(Portal.Lab.Stack.PortalSession session, LabHost host, string comment, CancellationToken cancellationToken)
    {
        var counters = (await session.GetJsonAsync($"/api/hosts/{host.Name}/counters", cancellationToken)).AsArray();
        var found = counters.SingleOrDefault(c => c!["table"]!.GetValue<string>() == "filter" && !c["ipv6"]!.GetValue<bool>()
            && c["chain"]!.GetValue<string>() == "DOCKER-USER" && c["text"]!.GetValue<string>().Contains($"--comment {comment} ", StringComparison.Ordinal));
        return found is null
            ? null
            : (found["index"]!.GetValue<int>(), found["text"]!.GetValue<string>(), found["packets"]!.GetValue<long>(), found["bytes"]!.GetValue<long>());
    }

    [GeneratedRegex(@"^\[(?<packets>\d+):(?<bytes>\d+)\] -A (?<chain>\S+) ")]
    private static partial Regex CountedRule();
}
