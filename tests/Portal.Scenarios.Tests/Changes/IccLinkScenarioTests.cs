using Portal.Lab;

namespace Portal.Scenarios.Tests.Changes;

using Lab = Portal.Lab.Lab;

/// <summary>
/// Issue 10, defect 3 on docker1 (daemon --icc=false): an ICC change on one user network (made with ICC off, two
/// containers connected, ICC on, ICC off, all through the portal) must leave the default bridge's link pairs in the
/// portal chain, so that a linked child that restarts into a new address is reached again once Docker's stale rules go.
/// </summary>
[Collection(nameof(DefaultBridgeAddresses))]
public sealed class IccLinkScenarioTests(ScenarioStack fixture)
{
    private const string Chain = IccScenarioTests.Chain;
    private static readonly LabHost Host = Lab.Docker1;

    [Fact]
    public async Task IccChangeOnOneNetwork_KeepsDefaultBridgeLinkPairs_AndLinkedChildIsReachableAfterMoving()
    {
        var ct = TestContext.Current.CancellationToken;
        var api = new PortalApi(fixture.Stack.Admin, Host.Name);
        var p = Lab.UniqueName("scn-");
        var (web, client, native, net, a) = ($"{p}-web", $"{p}-client", $"{p}-native", $"{p}-net", $"{p}-a");
        var (linked, created) = (false, false);
        string? bridge = null;
        try
        {
            // The demo's picture on the default bridge: web, and client linked to it natively (docker run --link); a second
            // parent linked through the portal.
            await Host.DockerAsync(["run", "-d", "--name", web, "--expose", "80", "--expose", "9000", "busybox", "sh", "-c", ChangeLab.Listen], ct);
            await Host.DockerAsync(["run", "-d", "--name", native, "--link", $"{web}:web", "busybox", "sh", "-c", ChangeLab.Idle], ct);
            await Host.DockerAsync(["run", "-d", "--name", client, "busybox", "sh", "-c", ChangeLab.Idle], ct);
            await Host.DockerAsync(["run", "-d", "--name", a, "busybox", "sh", "-c", ChangeLab.Listen], ct);
            await api.WaitContainersAsync(ct, web, client, native, a);
            await api.ApplyAsync(HttpMethod.Post, "/links", new { source = client, target = web, alias = "web" }, ct);
            linked = true;

            // The issue's sequence, all through the portal: a network with ICC off, the two linked containers connected
            // to it (and a third to probe), ICC on, ICC off.
            await api.ApplyAsync(HttpMethod.Post, "/networks", new { name = net, icc = false }, ct);
            created = true;
            bridge = "br-" + (await ChangeLab.InspectAsync(Host, net, ct))["Id"]!.GetValue<string>()[..12];
            await api.WaitNetworkAsync(net, true, ct);
            await api.ApplyAsync(HttpMethod.Post, $"/networks/{net}/connections", new { container = native }, ct);
            await api.ApplyAsync(HttpMethod.Post, $"/networks/{net}/connections", new { container = web }, ct);
            await api.ApplyAsync(HttpMethod.Post, $"/networks/{net}/connections", new { container = a }, ct);
            await api.ApplyAsync(HttpMethod.Put, $"/networks/{net}/icc", new { enabled = true }, ct);
            await api.ApplyAsync(HttpMethod.Put, $"/networks/{net}/icc", new { enabled = false }, ct);

            var oldIp = (await ChangeLab.AddressAsync(Host, web, "bridge", ct))!;
            var clientIp = (await ChangeLab.AddressAsync(Host, client, "bridge", ct))!;
            var nativeIp = (await ChangeLab.AddressAsync(Host, native, "bridge", ct))!;
            var aIp = (await ChangeLab.AddressAsync(Host, a, net, ct))!;
            await Poll.UntilAsync(
                async t =>
                {
                    var saved = await ChangeLab.ChainAsync(Host, Chain, t);
                    return saved.Contains(PortalPair(clientIp, oldIp, 80)) && saved.Contains(PortalPair(nativeIp, oldIp, 80))
                        && saved.Contains($"-A {Chain} -i {bridge} -o {bridge} -j DROP");
                },
                TimeSpan.FromSeconds(20),
                async () => $"{Chain} after ICC on and off on {net} keeps the default bridge's link pairs ({clientIp}, {nativeIp} -> {oldIp}:80):\n{string.Join('\n', await ChangeLab.ChainAsync(Host, Chain, ct))}",
                ct);
            Assert.False(await ChangeLab.ReachesAsync(Host, native, aIp, 80, ct), $"ICC off on {net}: native -> a {aIp}:80");

            // The child restarts into a new address: it stops, a filler takes its old one (fill any lower gap first).
            await Host.DockerAsync(["stop", web], ct);
            string? filler = null;
            for (var i = 0; i < 12 && filler is null; i++)
            {
                var candidate = $"{p}-filler{i}";
                await Host.DockerAsync(["run", "-d", "--name", candidate, "--expose", "9000", "busybox", "sh", "-c", ChangeLab.Listen], ct);
                filler = await ChangeLab.AddressAsync(Host, candidate, "bridge", ct) == oldIp ? candidate : null;
            }

            Assert.True(filler is not null, $"no filler got web's old address {oldIp}");
            await Host.DockerAsync(["start", web], ct);
            var newIp = (await ChangeLab.AddressAsync(Host, web, "bridge", ct))!;
            Assert.NotEqual(oldIp, newIp);

            // Docker's stale pairs go and the portal chain allows both parents to the new address, ICC still off on net.
            await Poll.UntilAsync(
                async t =>
                {
                    var docker = await ChangeLab.ChainAsync(Host, "DOCKER", t);
                    var saved = await ChangeLab.ChainAsync(Host, Chain, t);
                    return !docker.Any(r => r.Contains($"-d {oldIp}/32 ", StringComparison.Ordinal))
                        && saved.Contains(PortalPair(clientIp, newIp, 80)) && saved.Contains(PortalPair(nativeIp, newIp, 80))
                        && saved.Contains($"-A {Chain} -i {bridge} -o {bridge} -j DROP");
                },
                TimeSpan.FromSeconds(40),
                async () => $"stale pairs to {oldIp} removed and {Chain} allowing {clientIp}, {nativeIp} -> {newIp}:80; iptables-save filter:\n{await Host.IptablesSaveAsync("filter", ct)}",
                ct);
            Assert.True(await ChangeLab.ReachesAsync(Host, client, newIp, 80, ct), $"portal-linked client -> web at its new address {newIp}:80");
            Assert.True(await ChangeLab.ReachesAsync(Host, native, newIp, 80, ct), $"natively linked parent -> web at its new address {newIp}:80");
            Assert.False(await ChangeLab.ReachesAsync(Host, client, newIp, 81, ct), $"client -> web {newIp}:81 (not exposed)");
            Assert.False(await ChangeLab.ReachesAsync(Host, client, oldIp, 9000, ct), $"client -> {filler} (web's old address {oldIp}):9000");
            Assert.False(await ChangeLab.ReachesAsync(Host, native, aIp, 80, ct), $"ICC still off on {net}: native -> a {aIp}:80");
        }
        finally
        {
            if (linked)
            {
                await api.UndoAsync($"/links/{client}/web", ct);
            }

            await ChangeLab.RemoveContainersAsync(Host, p, ct);
            if (created)
            {
                await IccScenarioTests.RemoveNetworkAsync(api, Host, net, bridge, ct);
            }

            await Host.RemoveByPrefixAsync(p, ct);
        }
    }

    private static string PortalPair(string source, string target, int port) =>
        $"-A {Chain} -s {source}/32 -d {target}/32 -i docker0 -o docker0 -p tcp -m tcp --dport {port} -j ACCEPT";
}
