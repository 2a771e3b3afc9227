using Portal.Lab;

namespace Portal.Scenarios.Tests.Changes;

using Lab = Portal.Lab.Lab;

/// <summary>
/// The reconciler against drift made outside the portal on docker1 (daemon --icc=false): Docker's own stale link rules
/// after a child moved (Docker leaves the old pair in its DOCKER chain), and a linked container recreated natively without its link.
/// </summary>
[Collection(nameof(DefaultBridgeAddresses))]
public sealed class RepairScenarioTests(ScenarioStack fixture)
{
    private const string Chain = "PORTAL-ICC";
    private static readonly LabHost Host = Lab.Docker1;

    [Fact]
    public async Task StaleLink_ChildMovedToANewAddress_IsRepaired()
    {
        var ct = TestContext.Current.CancellationToken;
        var api = new PortalApi(fixture.Stack.Admin, Host.Name);
        var p = Lab.UniqueName("scn-");
        var (web, client) = ($"{p}-web", $"{p}-client");
        try
        {
            await Host.DockerAsync(["run", "-d", "--name", web, "--expose", "80", "--expose", "9000", "busybox", "sh", "-c", ChangeLab.Listen], ct);
            await Host.DockerAsync(["run", "-d", "--name", client, "--link", $"{web}:web", "busybox", "sh", "-c", ChangeLab.Idle], ct);
            var clientIp = (await ChangeLab.AddressAsync(Host, client, "bridge", ct))!;
            var oldIp = (await ChangeLab.AddressAsync(Host, web, "bridge", ct))!;
            Assert.Contains(StalePair(clientIp, oldIp, 80), await ChangeLab.ChainAsync(Host, "DOCKER", ct));
            await api.WaitContainersAsync(ct, web, client);

            // web stops; a filler takes its address (Docker hands out the lowest free one: fill any lower gap first).
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

            // Docker itself leaves client's ACCEPT pairs on the old address; the portal removes them and allows the new one.
            await Poll.UntilAsync(
                async t => !(await ChangeLab.ChainAsync(Host, "DOCKER", t)).Any(r => r.Contains($"-s {clientIp}/32 -d {oldIp}/32 ", StringComparison.Ordinal))
                    && (await ChangeLab.ChainAsync(Host, Chain, t)).Contains(PortalPair(clientIp, newIp, 80)),
                TimeSpan.FromSeconds(30),
                async () => $"stale pairs {clientIp} -> {oldIp} removed and {Chain} allowing {clientIp} -> {newIp}:80; iptables-save filter:\n{await Host.IptablesSaveAsync("filter", ct)}",
                ct);
            Assert.True(await ChangeLab.ReachesAsync(Host, client, newIp, 80, ct), $"client -> web at its new address {newIp}:80");
            Assert.False(await ChangeLab.ReachesAsync(Host, client, oldIp, 9000, ct), $"client -> {filler} (web's old address {oldIp}):9000");
            Assert.Equal([$"{newIp}\tweb {ShortId(await ChangeLab.InspectAsync(Host, web, ct))} {web}"], await ChangeLab.HostsLinesAsync(Host, client, "web", ct));

            // The portal's own view shows the repair: no stale pair left, the chain's pair at the new address.
            await Poll.UntilAsync(
                async t => !(await api.ChainAsync("DOCKER", t)).Any(r => r.Contains($"-d {oldIp}/32 ", StringComparison.Ordinal) && r.Contains($"-s {clientIp}/32 ", StringComparison.Ordinal))
                    && (await api.ChainAsync(Chain, t)).Contains(PortalPair(clientIp, newIp, 80)),
                TimeSpan.FromSeconds(10),
                async () => $"GET rules shows the repair:\n{string.Join('\n', await api.ChainAsync("DOCKER", ct))}\n{string.Join('\n', await api.ChainAsync(Chain, ct))}",
                ct);
        }
        finally
        {
            await Host.RemoveByPrefixAsync(p, ct);
        }
    }

    [Fact]
    public async Task Reconcile_AfterContainerRecreatedOutsideThePortal_RestoresTheLink()
    {
        var ct = TestContext.Current.CancellationToken;
        var api = new PortalApi(fixture.Stack.Admin, Host.Name);
        var p = Lab.UniqueName("scn-");
        var (web, client) = ($"{p}-web", $"{p}-client");
        var linked = false;
        try
        {
            await Host.DockerAsync(["run", "-d", "--name", web, "--expose", "80", "busybox", "sh", "-c", ChangeLab.Listen], ct);
            await Host.DockerAsync(["run", "-d", "--name", client, "busybox", "sh", "-c", ChangeLab.Idle], ct);
            await api.WaitContainersAsync(ct, web, client);
            var id = PortalApi.IdOf(await api.ApplyAsync(HttpMethod.Post, "/links", new { source = client, target = web, alias = "web" }, ct));
            linked = true;
            Assert.NotEmpty(await ChangeLab.EnvAsync(Host, client, "WEB_", ct));

            // Someone recreates client by hand, the same way, but without the link.
            await Host.DockerAsync(["rm", "-f", client], ct);
            var bare = (await Host.DockerAsync(["run", "-d", "--name", client, "busybox", "sh", "-c", ChangeLab.Idle], ct)).Trim();
            Assert.Empty(await ChangeLab.EnvAsync(Host, client, "WEB_", ct));

            await Poll.UntilAsync(
                async t => (await ChangeLab.InspectAsync(Host, client, t))["Id"]!.GetValue<string>() != bare
                    && (await ChangeLab.EnvAsync(Host, client, "WEB_", t)).Count > 0
                    && await api.StatusAsync(id, t) == "applied",
                TimeSpan.FromSeconds(40),
                async () => $"the link restored and intent {id} applied; intent: {(await api.IntentAsync(id, ct))?.ToJsonString()}",
                ct);
            var inspect = await ChangeLab.InspectAsync(Host, client, ct);
            Assert.Equal([$"/{web}:/{client}/web"], ChangeLab.At(inspect, "HostConfig.Links")!.AsArray().Select(n => n!.GetValue<string>()));
            Assert.Contains($"WEB_NAME=/{client}/web", await ChangeLab.EnvAsync(Host, client, "WEB_", ct));
            var webIp = (await ChangeLab.AddressAsync(Host, web, "bridge", ct))!;
            Assert.True(await ChangeLab.ReachesAsync(Host, client, webIp, 80, ct), $"client -> web {webIp}:80 after the repair");
            Assert.False(await ChangeLab.ReachesAsync(Host, client, webIp, 81, ct), $"client -> web {webIp}:81 (not exposed) after the repair");
        }
        finally
        {
            if (linked)
            {
                await api.UndoAsync($"/links/{client}/web", ct);
            }

            await Host.RemoveByPrefixAsync(p, ct);
        }
    }

    private static string StalePair(string source, string target, int port) =>
        $"-A DOCKER -s {source}/32 -d {target}/32 -i docker0 -o docker0 -p tcp -m tcp --dport {port} -j ACCEPT";

    private static string PortalPair(string source, string target, int port) =>
        $"-A {Chain} -s {source}/32 -d {target}/32 -i docker0 -o docker0 -p tcp -m tcp --dport {port} -j ACCEPT";

    private static string ShortId(System.Text.Json.Nodes.JsonObject inspect) => inspect["Config"]!["Hostname"]!.GetValue<string>();
}
