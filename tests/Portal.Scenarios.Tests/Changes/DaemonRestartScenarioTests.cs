using System.Net.Sockets;
using System.Text;
using Portal.Lab;

namespace Portal.Scenarios.Tests.Changes;

using Lab = Portal.Lab.Lab;

/// <summary>
/// docker2's daemon restarted under the portal: Docker flushes and rebuilds its chains and gives docker0 a new network id;
/// the reconciler must bring back every intent (a link, a published port, ICC off on a user network) and the portal chain.
/// </summary>
[Collection(nameof(DaemonRestarts))]
public sealed class DaemonRestartScenarioTests(ScenarioStack fixture)
{
    private const string Chain = "PORTAL-ICC";
    private static readonly LabHost Host = Lab.Docker2;

    [Fact]
    public async Task Reconcile_AfterDaemonRestart_RestoresEveryIntent()
    {
        var ct = TestContext.Current.CancellationToken;
        var api = new PortalApi(fixture.Stack.Admin, Host.Name);
        var p = Lab.UniqueName("scn-");
        var (web, client, pub, net, a, b) = ($"{p}-web", $"{p}-client", $"{p}-pub", $"{p}-net", $"{p}-a", $"{p}-b");
        var hostPort = Lab.HostPort();
        var (linked, published, created) = (false, false, false);
        string? bridge = null;
        try
        {
            await Host.DockerAsync(["run", "-d", "--restart", "always", "--name", web, "--expose", "80", "busybox", "sh", "-c", ChangeLab.Listen], ct);
            await Host.DockerAsync(["run", "-d", "--restart", "always", "--name", client, "busybox", "sh", "-c", ChangeLab.Idle], ct);
            await Host.DockerAsync(["run", "-d", "--restart", "always", "--name", pub, "busybox", "sh", "-c", ChangeLab.Listen], ct);
            await api.ApplyAsync(HttpMethod.Post, "/networks", new { name = net, icc = true }, ct);
            created = true;
            bridge = "br-" + (await ChangeLab.InspectAsync(Host, net, ct))["Id"]!.GetValue<string>()[..12];
            await Host.DockerAsync(["run", "-d", "--restart", "always", "--name", b, "--network", net, "--expose", "80", "busybox", "sh", "-c", ChangeLab.Listen], ct);
            await Host.DockerAsync(["run", "-d", "--restart", "always", "--name", a, "--network", net, "busybox", "sh", "-c", ChangeLab.Idle], ct);
            await api.WaitContainersAsync(ct, web, client, pub, a, b);

            var ids = new List<long>
            {
                PortalApi.IdOf(await api.ApplyAsync(HttpMethod.Post, "/links", new { source = client, target = web, alias = "web" }, ct)),
            };
            linked = true;
            ids.Add(PortalApi.IdOf(await api.ApplyAsync(HttpMethod.Post, "/ports", new { container = pub, containerPort = 80, protocol = "tcp", hostPort }, ct)));
            published = true;
            ids.Add(PortalApi.IdOf(await api.ApplyAsync(HttpMethod.Put, $"/networks/{net}/icc", new { enabled = false }, ct)));
            await ExpectProbesAsync("before the restart");

            await LabCommand.CheckedAsync(Lab.Script, ["restart-daemon", Host.Name], ct);

            await Poll.UntilAsync(
                async t =>
                {
                    foreach (var id in ids)
                    {
                        if (await api.StatusAsync(id, t) != "applied")
                        {
                            return false;
                        }
                    }

                    // The chain follows the addresses the restarted containers got: the link's pair at web's address of now.
                    var (clientIp, webIp) = (await ChangeLab.AddressAsync(Host, client, "bridge", t), await ChangeLab.AddressAsync(Host, web, "bridge", t));
                    var saved = await ChangeLab.ChainAsync(Host, Chain, t);
                    return saved.Contains($"-A {Chain} -s {clientIp}/32 -d {webIp}/32 -i docker0 -o docker0 -p tcp -m tcp --dport 80 -j ACCEPT")
                        && saved.Contains($"-A {Chain} -i {bridge} -o {bridge} -j DROP")
                        && (await ChangeLab.ChainAsync(Host, "DOCKER-USER", t)).FirstOrDefault() == $"-A DOCKER-USER -j {Chain}"
                        && saved.SequenceEqual(await api.ChainAsync(Chain, t))
                        && (await ChangeLab.EnvAsync(Host, client, "WEB_", t)).Count > 0;
                },
                TimeSpan.FromSeconds(90),
                async () => $"every intent applied and {Chain} back after the restart; intents:\n{string.Join('\n', (await api.IntentsAsync(ct)).Where(i => ids.Contains(i["id"]!.GetValue<long>())).Select(i => i.ToJsonString()))}\niptables-save filter:\n{await Host.IptablesSaveAsync("filter", ct)}",
                ct);
            await ExpectProbesAsync("after the restart");
        }
        finally
        {
            if (linked)
            {
                await api.UndoAsync($"/links/{client}/web", ct);
            }

            if (published)
            {
                await api.UndoAsync($"/ports/{pub}/{hostPort}/tcp", ct);
            }

            await ChangeLab.RemoveContainersAsync(Host, p, ct);
            if (created)
            {
                await IccScenarioTests.RemoveNetworkAsync(api, Host, net, bridge, ct);
            }

            await Host.RemoveByPrefixAsync(p, ct);
        }

        async Task ExpectProbesAsync(string when)
        {
            var webIp = (await ChangeLab.AddressAsync(Host, web, "bridge", ct))!;
            var bIp = (await ChangeLab.AddressAsync(Host, b, net, ct))!;
            Assert.True(await ChangeLab.ReachesAsync(Host, client, webIp, 80, ct), $"{when}: linked client -> web {webIp}:80");
            Assert.False(await ChangeLab.ReachesAsync(Host, client, webIp, 81, ct), $"{when}: linked client -> web {webIp}:81 (not exposed)");
            Assert.False(await ChangeLab.ReachesAsync(Host, a, bIp, 80, ct), $"{when}: ICC off on {net}: a -> b {bIp}:80; filter:\n{await Host.IptablesSaveAsync("filter", ct)}");
            Assert.Equal("hi", await PublishedAnswerAsync(Host.PhysicalAddress, hostPort, ct));
        }
    }

    /// <summary>What the published port answers, from the lab's root end of the physical bridge (lab traffic only).</summary>
    private static async Task<string> PublishedAnswerAsync(string address, int port, CancellationToken ct)
    {
        try
        {
            using var tcp = new TcpClient();
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
            timeout.CancelAfter(TimeSpan.FromSeconds(3));
            await tcp.ConnectAsync(address, port, timeout.Token);
            var buffer = new byte[64];
            var read = await tcp.GetStream().ReadAsync(buffer, timeout.Token);
            return Encoding.ASCII.GetString(buffer, 0, read).Trim();
        }
        catch (Exception e) when (e is SocketException or OperationCanceledException or IOException)
        {
            return $"no answer from {address}:{port}: {e.Message}";
        }
    }
}
