using System.Net;
using System.Text.Json.Nodes;
using Portal.Lab;

namespace Portal.Scenarios.Tests.Changes;

using Lab = Portal.Lab.Lab;

/// <summary>
/// A link made through the portal on docker1 (daemon --icc=false), checked against a native `docker run --link`
/// made beside it and against nc probes between the containers.
/// </summary>
public sealed class LinkScenarioTests(ScenarioStack fixture)
{
    private static readonly LabHost Host = Lab.Docker1;

    /// <summary>docker1 (nf_tables) and docker3, whose dockerd writes with iptables-legacy.</summary>
    public static TheoryData<string> Hosts => ["docker1", "docker3"];

    [Theory]
    [MemberData(nameof(Hosts))]
    public async Task Link_ThroughThePortal_GivesExactlyWhatANativeLinkGives(string hostName)
    {
        var ct = TestContext.Current.CancellationToken;
        var host = Lab.Named(hostName);
        var api = new PortalApi(fixture.Stack.Admin, host.Name);
        var p = Lab.UniqueName("scn-");
        var (web, client, native) = ($"{p}-web", $"{p}-client", $"{p}-native");
        var linked = false;
        try
        {
            await host.DockerAsync(["run", "-d", "--name", web, "--expose", "80", "--expose", "53/udp", "--expose", "9000-9002", "-e", "FOO=bar",
                "busybox", "sh", "-c", ChangeLab.Listen], ct);
            await host.DockerAsync(["run", "-d", "--name", client, "-e", "KEEP=me too", "-l", "scn.role=client", "--restart", "unless-stopped",
                "busybox", "sh", "-c", ChangeLab.Idle], ct);
            var before = await ChangeLab.InspectAsync(host, client, ct);
            await api.WaitContainersAsync(ct, web, client);

            var answer = await api.ApplyAsync(HttpMethod.Post, "/links", new { source = client, target = web, alias = "web" }, ct);
            linked = true;
            Assert.Equal("applied", answer["intent"]!["status"]!.GetValue<string>());
            Assert.Equal("applied", await api.StatusAsync(PortalApi.IdOf(answer), ct));

            // A native link to the same child, for comparison: only WEB_NAME names the parent itself.
            await host.DockerAsync(["run", "-d", "--name", native, "--link", $"{web}:web", "busybox", "sh", "-c", ChangeLab.Idle], ct);
            var linkEnv = await ChangeLab.EnvAsync(host, client, "WEB_", ct);
            var nativeEnv = (await ChangeLab.EnvAsync(host, native, "WEB_", ct))
                .Select(v => v == $"WEB_NAME=/{native}/web" ? $"WEB_NAME=/{client}/web" : v)
                .Order(StringComparer.Ordinal)
                .ToList();
            Assert.Contains($"WEB_NAME=/{client}/web", linkEnv);
            Assert.Contains("WEB_ENV_FOO=bar", linkEnv);
            Assert.Contains(linkEnv, v => v.StartsWith("WEB_PORT_9000_TCP_START=", StringComparison.Ordinal));
            Assert.True(nativeEnv.SequenceEqual(linkEnv), $"native:\n{string.Join('\n', nativeEnv)}\nportal:\n{string.Join('\n', linkEnv)}\nweb Config.Env: {ChangeLab.At(await ChangeLab.InspectAsync(host, web, ct), "Config.Env")?.ToJsonString()}\nclient Config.Env: {ChangeLab.At(await ChangeLab.InspectAsync(host, client, ct), "Config.Env")?.ToJsonString()}");

            // One line per address family of the child: IPv4, and IPv6 on a host with IPv6 (docker3).
            var hostsLines = await ChangeLab.HostsLinesAsync(host, client, "web", ct);
            Assert.Equal(host.Ipv6 ? 2 : 1, hostsLines.Count);
            Assert.Equal(await ChangeLab.HostsLinesAsync(host, native, "web", ct), hostsLines);

            // The plan said beforehand exactly what the container got.
            var plan = answer["plan"]!;
            var plannedEnv = plan["env"]!.AsArray()
                .Where(v => v!["container"]!.GetValue<string>() == client)
                .Select(v => $"{v!["name"]!.GetValue<string>()}={v["value"]!.GetValue<string>()}")
                .Order(StringComparer.Ordinal)
                .ToList();
            Assert.Equal(linkEnv, plannedEnv);
            var plannedHosts = plan["hostsLines"]!.AsArray()
                .Select(h => string.Join(' ', [h!["address"]!.GetValue<string>(), .. h["names"]!.AsArray().Select(n => n!.GetValue<string>())]))
                .ToList();
            Assert.Equal(hostsLines.Select(l => string.Join(' ', l.Split(['\t', ' '], StringSplitOptions.RemoveEmptyEntries))), plannedHosts);
            Assert.Equal([client], plan["recreated"]!.AsArray().Select(n => n!.GetValue<string>()));

            // Under --icc=false: the linked pair talks on the child's exposed port only.
            var webIp = (await ChangeLab.AddressAsync(host, web, "bridge", ct))!;
            Assert.True(await ChangeLab.ReachesAsync(host, client, webIp, 80, ct), $"client -> web {webIp}:80 (linked, exposed)");
            Assert.False(await ChangeLab.ReachesAsync(host, client, webIp, 81, ct), $"client -> web {webIp}:81 (listening, not exposed)");

            var after = await ChangeLab.InspectAsync(host, client, ct);
            Assert.NotEqual(before["Id"]!.GetValue<string>(), after["Id"]!.GetValue<string>());
            foreach (var path in new[] { "Image", "Config.Image", "Config.Cmd", "Config.Entrypoint", "Config.Env", "Config.Labels", "HostConfig.RestartPolicy",
                "HostConfig.PortBindings", "HostConfig.NetworkMode", "State.Running" })
            {
                Assert.True(
                    JsonNode.DeepEquals(ChangeLab.At(before, path), ChangeLab.At(after, path)),
                    $"{path}: {ChangeLab.At(before, path)?.ToJsonString()} -> {ChangeLab.At(after, path)?.ToJsonString()}");
            }

            Assert.Equal([$"/{web}:/{client}/web"], ChangeLab.At(after, "HostConfig.Links")!.AsArray().Select(n => n!.GetValue<string>()));

            // Unlinking through the portal takes back exactly what the link gave, as its plan said.
            var unlink = await api.ApplyAsync(HttpMethod.Delete, $"/links/{client}/web", null, ct);
            linked = false;
            var removedEnv = unlink["plan"]!["env"]!.AsArray()
                .Where(v => v!["container"]!.GetValue<string>() == client && v["change"]!.GetValue<string>() == "removed")
                .Select(v => $"{v!["name"]!.GetValue<string>()}={v["value"]!.GetValue<string>()}")
                .Order(StringComparer.Ordinal);
            Assert.Equal(linkEnv, removedEnv);
            Assert.Empty(await ChangeLab.EnvAsync(host, client, "WEB_", ct));
            Assert.Empty(await ChangeLab.HostsLinesAsync(host, client, "web", ct));
            Assert.Empty(ChangeLab.At(await ChangeLab.InspectAsync(host, client, ct), "HostConfig.Links")?.AsArray() ?? []);
            Assert.False(await ChangeLab.ReachesAsync(host, client, webIp, 80, ct), $"client -> web {webIp}:80 once unlinked (--icc=false)");
            Assert.DoesNotContain(await api.IntentsAsync(ct), i => i["id"]!.GetValue<long>() == PortalApi.IdOf(answer) && i["status"]!.GetValue<string>() != "removed");
        }
        finally
        {
            if (linked)
            {
                await api.UndoAsync($"/links/{client}/web", ct);
            }

            await host.RemoveByPrefixAsync(p, ct);
        }
    }

    [Fact]
    public async Task Viewer_Gets403_OnEveryChange()
    {
        var ct = TestContext.Current.CancellationToken;
        var p = Lab.UniqueName("scn-");
        var (web, client) = ($"{p}-web", $"{p}-client");
        using var viewer = await fixture.Stack.UserAsync("viewer", ct);
        var api = new PortalApi(viewer, Host.Name);
        var admin = new PortalApi(fixture.Stack.Admin, Host.Name);
        try
        {
            await Host.DockerAsync(["run", "-d", "--name", web, "--expose", "80", "busybox", "sh", "-c", ChangeLab.Listen], ct);
            await Host.DockerAsync(["run", "-d", "--name", client, "busybox", "sh", "-c", ChangeLab.Idle], ct);
            await admin.WaitContainersAsync(ct, web, client);
            var clientBefore = (await ChangeLab.InspectAsync(Host, client, ct)).ToJsonString();
            var intentsBefore = (await admin.IntentsAsync(ct)).Count(i => i["detail"]!.GetValue<string>().Contains(p, StringComparison.Ordinal));

            (HttpMethod Method, string Path, object? Body)[] changes =
            [
                (HttpMethod.Post, "/links", new { source = client, target = web, alias = "web" }),
                (HttpMethod.Post, "/links?dryRun=true", new { source = client, target = web, alias = "web" }),
                (HttpMethod.Delete, $"/links/{client}/web", null),
                (HttpMethod.Post, "/ports", new { container = client, containerPort = 80, protocol = "tcp", hostPort = 18080 }),
                (HttpMethod.Delete, $"/ports/{client}/18080/tcp", null),
                (HttpMethod.Post, "/networks", new { name = $"{p}-net", icc = true }),
                (HttpMethod.Delete, "/networks/bridge", null),
                (HttpMethod.Post, "/networks/bridge/connections", new { container = client }),
                (HttpMethod.Delete, $"/networks/bridge/connections/{client}", null),
                (HttpMethod.Put, "/networks/bridge/icc", new { enabled = true }),
            ];
            foreach (var (method, path, body) in changes)
            {
                var (status, answer) = await viewer.SendJsonAsync(method, $"/api/hosts/{Host.Name}{path}", body, ct);
                Assert.True(status == HttpStatusCode.Forbidden, $"{method} {path} as a viewer: {(int)status} {answer?.ToJsonString()}");
            }

            Assert.Equal(clientBefore, (await ChangeLab.InspectAsync(Host, client, ct)).ToJsonString());
            Assert.Empty(ChangeLab.At(await ChangeLab.InspectAsync(Host, client, ct), "HostConfig.Links")?.AsArray() ?? []);
            Assert.Empty(await ChangeLab.EnvAsync(Host, client, "WEB_", ct));
            Assert.Equal("", (await Host.DockerAsync(["network", "ls", "-q", "--filter", $"name={p}-net"], ct)).Trim());
            Assert.Equal(intentsBefore, (await api.IntentsAsync(ct)).Count(i => i["detail"]!.GetValue<string>().Contains(p, StringComparison.Ordinal)));
        }
        finally
        {
            await Host.RemoveByPrefixAsync(p, ct);
        }
    }
}
