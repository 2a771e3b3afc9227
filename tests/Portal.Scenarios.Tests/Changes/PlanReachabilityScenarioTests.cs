using System.Text.Json.Nodes;
using Portal.Lab;

namespace Portal.Scenarios.Tests.Changes;

using Lab = Portal.Lab.Lab;

/// <summary>
/// Issue 12 item 5 against probes: the pairs an ICC dry run lists as becoming reachable, probed with nc before and after
/// the change is applied; every "after" verdict equals its probe, none of them reached before, and a pair the plan does
/// not list (from a container on another network) keeps its verdict.
/// </summary>
// It starts a container on a default bridge: the tests that count on who holds which default-bridge address must not
// run beside it.
[Collection(nameof(DefaultBridgeAddresses))]
public sealed class PlanReachabilityScenarioTests(ScenarioStack fixture)
{
    [Fact]
    public async Task IccOn_DryRunPairs_EqualTheProbesBeforeAndAfter()
    {
        var ct = TestContext.Current.CancellationToken;
        // docker2, where the reachability scenario checks every walk against probes.
        var host = Lab.Docker2;
        var api = new PortalApi(fixture.Stack.Admin, host.Name);
        var p = Lab.UniqueName("prc-");
        var (net, a, b, c, x) = ($"{p}-net", $"{p}-a", $"{p}-b", $"{p}-c", $"{p}-x");
        var created = false;
        string? bridge = null;
        try
        {
            await api.ApplyAsync(HttpMethod.Post, "/networks", new { name = net, icc = false }, ct);
            created = true;
            bridge = "br-" + (await ChangeLab.InspectAsync(host, net, ct))["Id"]!.GetValue<string>()[..12];
            await host.DockerAsync(["run", "-d", "--name", a, "--network", net, "busybox", "sh", "-c", ChangeLab.Idle], ct);
            await host.DockerAsync(["run", "-d", "--name", b, "--network", net, "--expose", "80", "busybox", "sh", "-c", ChangeLab.Listen], ct);
            await host.DockerAsync(["run", "-d", "--name", c, "--network", net, "--expose", "9000", "busybox", "sh", "-c", ChangeLab.Listen], ct);
            await host.DockerAsync(["run", "-d", "--name", x, "busybox", "sh", "-c", ChangeLab.Idle], ct);
            await api.WaitContainersAsync(ct, a, b, c, x);
            var addresses = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var name in new[] { a, b, c })
            {
                addresses[name] = (await ChangeLab.AddressAsync(host, name, net, ct))!;
            }

            var (status, dryRun) = await api.PutAsync($"/networks/{net}/icc?dryRun=true", new { enabled = true }, ct);
            Assert.Equal(System.Net.HttpStatusCode.OK, status);
            var pairs = dryRun!["plan"]!["reachability"]!.AsArray().Select(Pair.Of).ToList();
            Assert.Equal(
                [$"{a}->{b}:80", $"{a}->{c}:9000", $"{b}->{c}:9000", $"{c}->{b}:80"],
                pairs.Select(q => $"{q.From}->{q.To}:{q.Port}").Order(StringComparer.Ordinal));
            // After, the portal's ACCEPT decides first; before, the walk goes down FORWARD through Docker's filter DOCKER
            // chain (empty on docker2 when no port is published: jumped through) to the portal's DROP for the network.
            Assert.All(pairs, q => Assert.Equal(("tcp", net, "allowed"), (q.Protocol, q.Network, q.After)));
            Assert.Equal(0, dryRun["plan"]!["reachabilityOmitted"]!.GetValue<int>());

            // Each "before" is decided; an undetermined one fails with the explainer's walk of it (its path says where it stopped).
            foreach (var pair in pairs.Where(q => q.Before != "blocked"))
            {
                var walk = await fixture.Stack.Admin.GetJsonAsync($"/api/hosts/{host.Name}/reachability?from={pair.From}&to={pair.To}&port={pair.Port}&proto=tcp", ct);
                Assert.Fail($"before {pair.From} -> {pair.To}:{pair.Port} is {pair.Before}, not blocked: {walk?.ToJsonString()}");
            }

            // Before: every listed pair's probe agrees with "before"; the unlisted pair from x (default bridge) too.
            var xToB = await ChangeLab.ReachesAsync(host, x, addresses[b], 80, ct);
            Assert.False(xToB, "x on the default bridge does not reach b across networks");
            foreach (var pair in pairs)
            {
                Assert.False(await ChangeLab.ReachesAsync(host, pair.From, addresses[pair.To], pair.Port, ct), $"before: {pair.From} -> {pair.To}:{pair.Port}");
            }

            var applied = await api.ApplyAsync(HttpMethod.Put, $"/networks/{net}/icc", new { enabled = true }, ct);
            Assert.Equal("applied", applied["intent"]!["status"]!.GetValue<string>());
            Assert.Equal(pairs.Count, applied["plan"]!["reachability"]!.AsArray().Count);

            var mismatches = new List<string>();
            foreach (var pair in pairs)
            {
                var reached = await ChangeLab.ReachesAsync(host, pair.From, addresses[pair.To], pair.Port, ct);
                if (reached != (pair.After == "allowed"))
                {
                    mismatches.Add($"{pair.From} -> {pair.To}:{pair.Port}: plan {pair.After}, probe {(reached ? "reached" : "not reached")}");
                }
            }

            TestContext.Current.TestOutputHelper?.WriteLine(
                $"compared {pairs.Count} listed pairs with probes before and after, and one unlisted pair; before: {string.Join(", ", pairs.Select(q => q.Before))}, decided after by: {string.Join(" | ", pairs.Select(q => q.DecidedBy).Distinct())}");
            Assert.True(mismatches.Count == 0, string.Join('\n', mismatches));
            Assert.Equal(xToB, await ChangeLab.ReachesAsync(host, x, addresses[b], 80, ct));
        }
        finally
        {
            await ChangeLab.RemoveContainersAsync(host, p, ct);
            if (created)
            {
                await IccScenarioTests.RemoveNetworkAsync(api, host, net, bridge, ct);
            }

            await host.RemoveByPrefixAsync(p, ct);
        }
    }

    private sealed record Pair(string From, string To, int Port, string Protocol, string? Network, string Before, string After, string? DecidedBy)
    {
        public static Pair Of(JsonNode? node) => new(
            node!["from"]!.GetValue<string>(),
            node["to"]!.GetValue<string>(),
            node["port"]!.GetValue<int>(),
            node["protocol"]!.GetValue<string>(),
            node["network"]?.GetValue<string>(),
            node["before"]!.GetValue<string>(),
            node["after"]!.GetValue<string>(),
            node["decidedBy"]?.GetValue<string>());
    }
}
