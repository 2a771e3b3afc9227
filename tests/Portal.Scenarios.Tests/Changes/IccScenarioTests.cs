using Portal.Lab;

namespace Portal.Scenarios.Tests.Changes;

using Lab = Portal.Lab.Lab;

/// <summary>ICC switched live on a network made through the portal, probed with nc between three containers.</summary>
public sealed class IccScenarioTests(ScenarioStack fixture)
{
    internal const string Chain = "PORTAL-ICC";

    /// <summary>docker1 (nf_tables) and docker3, whose dockerd writes with iptables-legacy.</summary>
    public static TheoryData<string> Hosts => ["docker1", "docker3"];

    [Theory]
    [MemberData(nameof(Hosts))]
    public async Task Icc_OffThenOn_BlocksUnlinkedAllowsLinkedOnExposedPortsOnly(string hostName)
    {
        var ct = TestContext.Current.CancellationToken;
        var host = Lab.Named(hostName);
        var api = new PortalApi(fixture.Stack.Admin, host.Name);
        var p = Lab.UniqueName("scn-");
        var (net, a, b, c) = ($"{p}-net", $"{p}-a", $"{p}-b", $"{p}-c");
        var (created, linked) = (false, false);
        string? bridge = null;
        try
        {
            await api.ApplyAsync(HttpMethod.Post, "/networks", new { name = net, icc = true }, ct);
            created = true;
            bridge = "br-" + (await ChangeLab.InspectAsync(host, net, ct))["Id"]!.GetValue<string>()[..12];
            await host.DockerAsync(["run", "-d", "--name", b, "--network", net, "--expose", "80", "busybox", "sh", "-c", ChangeLab.Listen], ct);
            await host.DockerAsync(["run", "-d", "--name", a, "--network", net, "busybox", "sh", "-c", ChangeLab.Idle], ct);
            await host.DockerAsync(["run", "-d", "--name", c, "--network", net, "busybox", "sh", "-c", ChangeLab.Idle], ct);
            await api.WaitContainersAsync(ct, a, b, c);
            await api.ApplyAsync(HttpMethod.Post, "/links", new { source = a, target = b, alias = "server" }, ct);
            linked = true;
            var bIp = (await ChangeLab.AddressAsync(host, b, net, ct))!;
            var aIp = (await ChangeLab.AddressAsync(host, a, net, ct))!;
            Assert.True(await ChangeLab.ReachesAsync(host, c, bIp, 80, ct), "ICC on: c -> b:80");

            var off = await api.ApplyAsync(HttpMethod.Put, $"/networks/{net}/icc", new { enabled = false }, ct);
            Assert.Equal("applied", off["intent"]!["status"]!.GetValue<string>());
            Assert.True(await ChangeLab.ReachesAsync(host, a, bIp, 80, ct), $"ICC off: linked a -> b {bIp}:80 (exposed)");
            Assert.False(await ChangeLab.ReachesAsync(host, a, bIp, 81, ct), $"ICC off: linked a -> b {bIp}:81 (not exposed)");
            Assert.False(await ChangeLab.ReachesAsync(host, c, bIp, 80, ct), $"ICC off: unlinked c -> b {bIp}:80 (bridge {bridge}); filter:\n{await host.IptablesSaveAsync("filter", ct)}");

            // The kernel's chain is the portal's chain as GET rules shows it, jumped to first from DOCKER-USER.
            var saved = await ChangeLab.ChainAsync(host, Chain, ct);
            Assert.Contains($"-A {Chain} -i {bridge} -o {bridge} -j DROP", saved);
            Assert.Contains($"-A {Chain} -s {aIp}/32 -d {bIp}/32 -i {bridge} -o {bridge} -p tcp -m tcp --dport 80 -j ACCEPT", saved);
            Assert.Contains($"-A {Chain} -s {bIp}/32 -d {aIp}/32 -i {bridge} -o {bridge} -p tcp -m tcp --sport 80 -j ACCEPT", saved);
            Assert.Equal($"-A {Chain} -j RETURN", saved[^1]);
            Assert.Equal($"-A DOCKER-USER -j {Chain}", (await ChangeLab.ChainAsync(host, "DOCKER-USER", ct))[0]);
            await Poll.UntilAsync(
                async t => (await api.ChainAsync(Chain, t)).SequenceEqual(await ChangeLab.ChainAsync(host, Chain, t)),
                TimeSpan.FromSeconds(10),
                async () => $"GET rules {Chain}:\n{string.Join('\n', await api.ChainAsync(Chain, ct))}\niptables-save:\n{string.Join('\n', await ChangeLab.ChainAsync(host, Chain, ct))}",
                ct);

            await api.ApplyAsync(HttpMethod.Put, $"/networks/{net}/icc", new { enabled = true }, ct);
            Assert.True(await ChangeLab.ReachesAsync(host, c, bIp, 80, ct), "ICC on again: c -> b:80");
            Assert.True(await ChangeLab.ReachesAsync(host, a, bIp, 81, ct), "ICC on again: a -> b:81");
            Assert.DoesNotContain($"-A {Chain} -i {bridge} -o {bridge} -j DROP", await ChangeLab.ChainAsync(host, Chain, ct));
            Assert.Contains($"-A {Chain} -i {bridge} -o {bridge} -j ACCEPT", await ChangeLab.ChainAsync(host, Chain, ct));

            // Removing the network through the portal ends its ICC choice: no rule for its bridge outlives it.
            // (The link itself cannot be taken back yet: DELETE /links answers 404 for a link on a user-defined network,
            // which the agent's snapshot does not show; see the finally block.)
            await ChangeLab.RemoveContainersAsync(host, p, ct);
            await Poll.UntilAsync(
                async t => (await api.DeleteAsync($"/networks/{net}", t)).Status == System.Net.HttpStatusCode.OK,
                TimeSpan.FromSeconds(20),
                $"DELETE network {net} once its containers are gone",
                ct);
            created = false;
            Assert.DoesNotContain(await ChangeLab.ChainAsync(host, Chain, ct), r => r.Contains($" {bridge} ", StringComparison.Ordinal));
            Assert.DoesNotContain(await api.IntentsAsync(ct), i => i["kind"]!.GetValue<string>() is "network" or "icc" && i["detail"]!.GetValue<string>().Contains(net, StringComparison.Ordinal) && i["status"]!.GetValue<string>() != "removed");
        }
        finally
        {
            if (linked)
            {
                // Best effort: the portal cannot unlink on a user-defined network yet (404), so this intent stays in the
                // stack's own database (drifted once its containers are gone); it dies with the stack.
                await api.UndoAsync($"/links/{a}/server", ct);
            }

            // Containers go natively; the network through the portal, which also ends its ICC intents (removed natively,
            // the network's intent would have the reconciler make it again).
            await ChangeLab.RemoveContainersAsync(host, p, ct);
            if (created)
            {
                await RemoveNetworkAsync(api, host, net, bridge, ct);
            }

            await host.RemoveByPrefixAsync(p, ct);
        }
    }

    /// <summary>DELETE the network once the portal has seen its containers go (it refuses while any is attached).</summary>
    /// <summary>Then waits until the portal chain no longer names the network's bridge (the reconciler drops its ICC rule).</summary>
    internal static async Task RemoveNetworkAsync(PortalApi api, LabHost host, string net, string? bridge, CancellationToken ct)
    {
        await Poll.UntilAsync(
            async t => (await api.DeleteAsync($"/networks/{net}", t)).Status is System.Net.HttpStatusCode.OK or System.Net.HttpStatusCode.NotFound,
            TimeSpan.FromSeconds(20),
            $"DELETE network {net}",
            ct);
        if (bridge is not null)
        {
            await Poll.UntilAsync(
                async t => !(await ChangeLab.ChainAsync(host, Chain, t)).Any(r => r.Contains($" {bridge} ", StringComparison.Ordinal)),
                TimeSpan.FromSeconds(20),
                async () => $"{Chain} without {bridge}:\n{string.Join('\n', await ChangeLab.ChainAsync(host, Chain, ct))}",
                ct);
        }
    }
}
