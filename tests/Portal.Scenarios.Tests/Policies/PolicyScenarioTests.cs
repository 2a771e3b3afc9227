using System.Net;
using System.Text.Json.Nodes;
using Portal.Lab;
using Portal.Scenarios.Tests.Changes;

namespace Portal.Scenarios.Tests.Policies;

using Lab = Portal.Lab.Lab;

/// <summary>
/// Issue 13's lab test on docker2: a network of five containers, traffic between some pairs, a policy (learned from the
/// flows, or written with the same edges), enforced, then every ordered pair probed on every exposed port with nc:
/// exactly the allowed edges reach. The same holds once a container restarts into a new address and once the daemon
/// restarts. Monitor mode drops nothing and its counting rule (read with iptables-save -c) counts the would-be drops; the
/// policy's view shows that count.
/// Only the learned case needs the flow watcher.
/// </summary>
[Collection(nameof(DaemonRestarts))]
public sealed class PolicyScenarioTests(ScenarioStack fixture)
{
    private static readonly LabHost Host = Lab.Docker2;

    private static readonly int[] ExposedPorts = [80, 9000];

    /// <summary>The edges traffic is generated on (container indexes 0-4, port): what the policy must allow, and only that.</summary>
    private static readonly (int From, int To, int Port)[] Edges = [(0, 1, 80), (1, 2, 9000), (3, 4, 80), (0, 4, 9000), (2, 0, 80)];

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Policy_ExactlyTheAllowedEdgesReach_AcrossRestarts_MonitorCountsWouldBeDrops(bool learn)
    {
        var ct = TestContext.Current.CancellationToken;
        var api = new PortalApi(fixture.Stack.Admin, Host.Name);
        var p = Lab.UniqueName("pol-");
        var net = $"{p}-net";
        var names = Enumerable.Range(1, 5).Select(i => $"{p}-c{i}").ToArray();
        var created = false;
        string? bridge = null;
        try
        {
            // A subnet of its own, so a filler container can take a given address (--ip) to move another one.
            var subnet = $"10.213.{Random.Shared.Next(1, 250)}.0/24";
            await api.ApplyAsync(HttpMethod.Post, "/networks", new { name = net, subnet, icc = true }, ct);
            created = true;
            bridge = "br-" + (await ChangeLab.InspectAsync(Host, net, ct))["Id"]!.GetValue<string>()[..12];
            foreach (var name in names)
            {
                await Host.DockerAsync(
                    ["run", "-d", "--restart", "always", "--name", name, "--network", net, "--expose", "80", "--expose", "9000", "busybox", "sh", "-c", ChangeLab.Listen], ct);
            }

            await api.WaitContainersAsync(ct, names);
            var path = $"/networks/{net}/policy";
            var expected = Edges.Select(e => (names[e.From], names[e.To], e.Port)).ToHashSet();

            // Traffic on the edges only (ICC is on: everything reaches before the policy).
            foreach (var (from, to, port) in expected)
            {
                Assert.True(await ChangeLab.ReachesAsync(Host, from, (await ChangeLab.AddressAsync(Host, to, net, ct))!, port, ct), $"before: {from} -> {to}:{port}");
            }

            JsonNode policy;
            if (learn)
            {
                JsonNode? proposal = null;
                await Poll.UntilAsync(
                    async t =>
                    {
                        var (status, body) = await api.Session.SendJsonAsync(HttpMethod.Post, $"/api/hosts/{Host.Name}{path}/learn?minutes=10", null, t);
                        Assert.True(status == HttpStatusCode.OK, $"learn: {(int)status} {body?.ToJsonString()}");
                        proposal = body;
                        return Entries(body!["policy"]!).SetEquals(expected);
                    },
                    TimeSpan.FromSeconds(30),
                    () => Task.FromResult($"learn proposes exactly the generated edges; last answer: {proposal?.ToJsonString()}"),
                    ct);
                Assert.Empty(proposal!["blocked"]!.AsArray());
                Assert.Contains(proposal["plan"]!["rules"]!.AsArray(), r => r!["text"]!.GetValue<string>() == $"-A PORTAL-POLICY -i {bridge} -o {bridge} -j DROP");
                policy = proposal["policy"]!;
            }
            else
            {
                policy = new JsonObject
                {
                    ["mode"] = "enforce",
                    ["allow"] = new JsonArray([.. expected.Select(e => new JsonObject { ["from"] = e.Item1, ["to"] = e.Item2, ["port"] = e.Port, ["proto"] = "tcp" })]),
                };
            }

            var applied = await api.ApplyAsync(HttpMethod.Put, path, policy, ct);
            var id = PortalApi.IdOf(applied);
            Assert.Equal("applied", applied["intent"]!["status"]!.GetValue<string>());
            var view = await api.Session.GetJsonAsync($"/api/hosts/{Host.Name}{path}", ct);
            Assert.Equal("enforce", view["mode"]!.GetValue<string>());
            Assert.True(Entries(view).SetEquals(expected), view.ToJsonString());
            await ExpectExactlyAsync(names, net, expected, "enforced", ct);

            // A container restarted into a new address: a filler takes its old one meanwhile.
            var moved = names[2];
            var oldAddress = await ChangeLab.AddressAsync(Host, moved, net, ct);
            await Host.DockerAsync(["stop", "-t", "1", moved], ct);
            await Host.DockerAsync(["run", "-d", "--name", $"{p}-filler", "--network", net, "--ip", oldAddress!, "busybox", "sh", "-c", ChangeLab.Idle], ct);
            await Host.DockerAsync(["start", moved], ct);
            await Host.DockerAsync(["rm", "-f", $"{p}-filler"], ct);
            var newAddress = await ChangeLab.AddressAsync(Host, moved, net, ct);
            Assert.NotEqual(oldAddress, newAddress);
            await AwaitPolicyAsync(api, id, newAddress!, "a container's new address", ct);
            await ExpectExactlyAsync(names, net, expected, $"after {moved} moved {oldAddress} -> {newAddress}", ct);

            await LabCommand.CheckedAsync(Lab.Script, ["restart-daemon", Host.Name], ct);
            await Poll.UntilAsync(
                async t => (await Task.WhenAll(names.Select(n => ChangeLab.AddressAsync(Host, n, net, t)))).All(a => a is not null),
                TimeSpan.FromSeconds(60),
                "every container back with an address after the daemon restart",
                ct);
            await AwaitPolicyAsync(api, id, (await ChangeLab.AddressAsync(Host, moved, net, ct))!, "the daemon restart", ct);
            await ExpectExactlyAsync(names, net, expected, "after the daemon restart", ct);

            // Monitor: nothing dropped; the counting rule counts the would-be drops, one new connection each.
            policy["mode"] = "monitor";
            var monitorId = PortalApi.IdOf(await api.ApplyAsync(HttpMethod.Put, path, policy.DeepClone(), ct));
            var counting = $"-A PORTAL-POLICY -i {bridge} -o {bridge} -j RETURN";
            await AwaitPolicyAsync(api, monitorId, counting, "monitor mode", ct);
            var before = await PacketsAsync(counting, ct);
            var results = await ProbeAllAsync(names, net, ct);
            var after = await PacketsAsync(counting, ct);
            Assert.All(results, r => Assert.True(r.Reached, $"monitor: {r.From} -> {r.To}:{r.Port} must reach"));
            var wouldDrop = results.Count(r => !expected.Contains((r.From, r.To, r.Port)));
            Assert.Equal(wouldDrop, after - before);

            // The policy's view carries the same kernel counter (the agent reads it every 2 s): iptables-save -c is the truth.
            await Poll.UntilAsync(
                async t => (await fixture.Stack.Admin.GetJsonAsync($"/api/hosts/{Host.Name}{path}", t))?["counted"]?["packets"]?.GetValue<long>() == await PacketsAsync(counting, t),
                TimeSpan.FromSeconds(20),
                async () => $"GET {path} counted {(await fixture.Stack.Admin.GetJsonAsync($"/api/hosts/{Host.Name}{path}", ct))?["counted"]?.ToJsonString()}, iptables-save -c {await PacketsAsync(counting, ct)}",
                ct);
        }
        finally
        {
            await ChangeLab.RemoveContainersAsync(Host, p, ct);
            if (created)
            {
                await IccScenarioTests.RemoveNetworkAsync(api, Host, net, bridge, ct);
            }

            await Host.RemoveByPrefixAsync(p, ct);
        }
    }

    private static HashSet<(string, string, int)> Entries(JsonNode policy) =>
        [.. policy["allow"]!.AsArray().Select(a => (a!["from"]!.GetValue<string>(), a["to"]!.GetValue<string>(), a["port"]!.GetValue<int>()))];

    /// <summary>Until the policy intent is applied again and the kernel's policy chain names <paramref name="needle"/>.</summary>
    private static Task AwaitPolicyAsync(PortalApi api, long id, string needle, string after, CancellationToken ct) =>
        Poll.UntilAsync(
            async t => await api.StatusAsync(id, t) == "applied"
                && (await ChangeLab.ChainAsync(Host, "PORTAL-POLICY", t)).Any(r => r.Contains(needle, StringComparison.Ordinal))
                && (await ChangeLab.ChainAsync(Host, "DOCKER-USER", t)).FirstOrDefault() == "-A DOCKER-USER -j PORTAL-ICC",
            TimeSpan.FromSeconds(90),
            async () => $"the policy back after {after}; intent: {(await api.IntentAsync(id, ct))?.ToJsonString()}\nfilter:\n{await Host.IptablesSaveAsync("filter", ct)}",
            ct);

    private static async Task ExpectExactlyAsync(string[] names, string net, HashSet<(string, string, int)> allowed, string when, CancellationToken ct)
    {
        var results = await ProbeAllAsync(names, net, ct);
        var wrong = results.Where(r => r.Reached != allowed.Contains((r.From, r.To, r.Port))).ToList();
        Assert.True(
            wrong.Count == 0,
            $"{when}: {string.Join("; ", wrong.Select(r => $"{r.From} -> {r.To}:{r.Port} {(r.Reached ? "reached" : "blocked")}"))}\nfilter:\n{await Host.IptablesSaveAsync("filter", ct)}");
        Assert.Equal(allowed.Count, results.Count(r => r.Reached));
    }

    /// <summary>Every ordered pair on every exposed port, a few probes at a time.</summary>
    private static async Task<List<(string From, string To, int Port, bool Reached)>> ProbeAllAsync(string[] names, string net, CancellationToken ct)
    {
        var addresses = new Dictionary<string, string>();
        foreach (var name in names)
        {
            addresses[name] = (await ChangeLab.AddressAsync(Host, name, net, ct))!;
        }

        using var gate = new SemaphoreSlim(6);
        var probes = names.SelectMany(from => names.Where(to => to != from).SelectMany(to => ExposedPorts.Select(port => (from, to, port))))
            .Select(async probe =>
            {
                await gate.WaitAsync(ct);
                try
                {
                    return (probe.from, probe.to, probe.port, await ChangeLab.ReachesAsync(Host, probe.from, addresses[probe.to], probe.port, ct));
                }
                finally
                {
                    gate.Release();
                }
            });
        return [.. await Task.WhenAll(probes)];
    }

    /// <summary>The packet counter of one rule, as iptables-save -c prints it in the host's namespace.</summary>
    private static async Task<long> PacketsAsync(string rule, CancellationToken ct)
    {
        var saved = await Host.InNamespaceAsync(Host.IptablesProgram() + "-save", ["-c", "-t", "filter"], ct);
        var line = saved.Split('\n').Single(l => l.EndsWith("] " + rule, StringComparison.Ordinal));
        return long.Parse(line[1..line.IndexOf(':', StringComparison.Ordinal)], System.Globalization.CultureInfo.InvariantCulture);
    }
}
