#nullable disable warnings
using System.Text.Json.Nodes;
using Portal.Contracts.Commands;
using Portal.Contracts.PortalRules;
using Portal.Core.PortalRules;
using Portal.Lab;
using TheLab = Portal.Lab.Lab;

namespace Portal.Host.Tests.Commands;

/// <summary>
/// The agent's commands against docker1 (daemon with --icc=false), through `Portal.Host execute` in its namespace.
/// Ground truth: docker inspect, docker exec env and /etc/hosts, iptables-save, nc probes between containers.
/// </summary>
[Collection(LabCollection.Name)]
public sealed class CommandLabTests
{
    private const string Listen = "trap 'exit 0' TERM; nc -ll -p 80 -e echo hi & nc -ll -p 81 -e echo hi & wait";
    private static readonly LabHost Host = TheLab.Docker1;

    [Fact]
    public async Task Recreate_AddLink_SameEnvAndHostsAsNativeLinkOnlyExposedPortsEverythingElsePreserved()
    {
        var ct = TestContext.Current.CancellationToken;
        var p = TheLab.UniqueName("chg-");
        var octet = Random.Shared.Next(100, 200);
        var hostPort = TheLab.HostPort();
        try
        {
            await Host.DockerAsync(["network", "create", "--subnet", $"172.29.{octet}.0/24", $"{p}-net"], ct);
            await Host.DockerAsync(["run", "-d", "--name", $"{p}-web", "--expose", "80", "--expose", "53/udp", "--expose", "9000-9002", "busybox", "sh", "-c", Listen], ct);
            await Host.DockerAsync(["run", "-d", "--name", $"{p}-client", "--hostname", "clienthost", "-e", "FOO=bar baz", "-l", "chg.role=client",
                "-v", $"{p}-vol:/vol", "-v", "/data", "--restart", "unless-stopped", "-p", $"{hostPort}:80", "--stop-signal", "SIGKILL", "-w", "/vol",
                "busybox", "sleep", "3600"], ct);
            await Host.DockerAsync(["network", "connect", "--alias", "cli", "--ip", $"172.29.{octet}.10", $"{p}-net", $"{p}-client"], ct);
            await Host.ExecAsync($"{p}-client", "sh", "-c", "echo kept > /data/file");
            var before = await LabState.InspectAsync(Host, $"{p}-client", ct);

            var result = await AgentExecute.RunAsync(Host, new RecreateContainerCommand($"{p}-client", [new LinkSpec($"{p}-web", "web")], [], [], []), ct);
            Assert.Equal(200, result.Status);
            Assert.Contains($"created {p}-client with link {p}-web:web", result.Steps);

            // A native link, for comparison.
            await Host.DockerAsync(["run", "-d", "--name", $"{p}-native", "--hostname", "clienthost", "-e", "FOO=bar baz", "--link", $"{p}-web:web", "busybox", "sleep", "3600"], ct);
            // ALIAS_NAME is /<parent>/<alias>: the one value that names the parent itself.
            var native = (await EnvAsync($"{p}-native")).Select(v => v.Replace($"/{p}-native/", $"/{p}-client/", StringComparison.Ordinal));
            Assert.Equal(native, await EnvAsync($"{p}-client"));
            Assert.Contains(await EnvAsync($"{p}-client"), v => v.StartsWith("WEB_PORT_9000_TCP_START=", StringComparison.Ordinal));
            Assert.Equal(await LinkHostsAsync($"{p}-native"), await LinkHostsAsync($"{p}-client"));
            Assert.NotEmpty(await LinkHostsAsync($"{p}-client"));

            Assert.True(await LabState.ReachesAsync(Host, $"{p}-client", "web", 80, ct), "client -> web:80 (exposed, linked)");
            Assert.False(await LabState.ReachesAsync(Host, $"{p}-client", "web", 81, ct), "client -> web:81 (not exposed)");

            var after = await LabState.InspectAsync(Host, $"{p}-client", ct);
            Assert.NotEqual(before["Id"]!.GetValue<string>(), after["Id"]!.GetValue<string>());
            foreach (var path in new[] { "Image", "Config.Image", "Config.Cmd", "Config.Entrypoint", "Config.Env", "Config.Labels", "Config.Hostname", "Config.WorkingDir",
                "Config.StopSignal", "Config.ExposedPorts", "HostConfig.RestartPolicy", "HostConfig.PortBindings", "HostConfig.Binds", "HostConfig.NetworkMode", "State.Running" })
            {
                Assert.True(JsonNode.DeepEquals(At(before, path), At(after, path)), $"{path}: {At(before, path)?.ToJsonString()} -> {At(after, path)?.ToJsonString()}");
            }

            Assert.Equal(Mounts(before), Mounts(after));
            Assert.Equal("kept", (await Host.ExecAsync($"{p}-client", "cat", "/data/file")).Trim());
            Assert.Equal([$"/{p}-web:/{p}-client/web"], After(after, "HostConfig.Links"));
            Assert.Equal(Networks(before), Networks(after));
        }
        finally
        {
            await Host.RemoveByPrefixAsync(p, ct);
            await Host.TryDockerAsync(["volume", "rm", $"{p}-vol"], ct);
        }

        async Task<List<string>> EnvAsync(string container) =>
            [.. (await Host.ExecAsync(container, "env")).Split('\n', StringSplitOptions.RemoveEmptyEntries).Where(v => !v.StartsWith("HOSTNAME=", StringComparison.Ordinal)).Order(StringComparer.Ordinal)];

        async Task<List<string>> LinkHostsAsync(string container) =>
            [.. (await Host.ExecAsync(container, "cat", "/etc/hosts")).Split('\n').Where(l => l.Split('\t').Skip(1).Any(n => n.Split(' ').Contains("web")))];
    }

    [Fact]
    public async Task Recreate_PublishThenTakenPort_DnatAppearsThenRollbackLeavesInspectAndRulesIdentical()
    {
        var ct = TestContext.Current.CancellationToken;
        var p = TheLab.UniqueName("chg-");
        var free = TheLab.HostPort();
        var taken = TheLab.HostPort();
        try
        {
            await Host.DockerAsync(["run", "-d", "--name", $"{p}-holder", "-p", $"{taken}:80", "--stop-signal", "SIGKILL", "busybox", "sleep", "3600"], ct);
            await Host.DockerAsync(["run", "-d", "--name", $"{p}-pub", "--stop-signal", "SIGKILL", "busybox", "sh", "-c", Listen], ct);

            // (b) publish: Docker's own DNAT rule for the new binding.
            var publish = await AgentExecute.RunAsync(Host, new RecreateContainerCommand($"{p}-pub", [], [], [new PortSpec(80, "tcp", free, null)], []), ct);
            Assert.Equal(200, publish.Status);
            var ip = At(await LabState.InspectAsync(Host, $"{p}-pub", ct), "NetworkSettings.Networks.bridge.IPAddress")!.GetValue<string>();
            Assert.Contains($"-A DOCKER ! -i docker0 -p tcp -m tcp --dport {free} -j DNAT --to-destination {ip}:80", (await Host.IptablesSaveAsync("nat", ct)).Split('\n'));

            // (c) a host port another container holds: Docker refuses at start, the agent puts the old container back.
            var rulesBefore = await LabState.RulesAsync(Host, ct);
            var inspectBefore = await LabState.InspectAsync(Host, $"{p}-pub", ct);
            var refused = await AgentExecute.RunAsync(Host, new RecreateContainerCommand($"{p}-pub", [], [], [new PortSpec(81, "tcp", taken, null)], []), ct);
            Assert.Equal(409, refused.Status);
            Assert.Contains("port is already allocated", refused.Error);
            Assert.Contains($"rolled back: renamed", string.Join('\n', refused.Steps));
            var inspectAfter = await LabState.InspectAsync(Host, $"{p}-pub", ct);
            Assert.True(inspectAfter["State"]!["Running"]!.GetValue<bool>());
            Assert.Equal(LabState.WithoutRunVolatile(inspectBefore).ToJsonString(), LabState.WithoutRunVolatile(inspectAfter).ToJsonString());
            Assert.Equal(rulesBefore, await LabState.RulesAsync(Host, ct));
            Assert.Equal([$"/{p}-holder", $"/{p}-pub"], (await Host.DockerAsync(["ps", "-a", "--filter", $"name={p}", "--format", "/{{.Names}}"], ct)).Split('\n', StringSplitOptions.RemoveEmptyEntries).Order());
        }
        finally
        {
            await Host.RemoveByPrefixAsync(p, ct);
        }
    }

    [Fact]
    public async Task ApplyPortalRules_IccOffPairOnIccOn_TrafficFollowsAndRulesExactlyAsRuleTexts()
    {
        var ct = TestContext.Current.CancellationToken;
        var p = TheLab.UniqueName("chg-");
        try
        {
            await Host.DockerAsync(["run", "-d", "--name", $"{p}-server", "--expose", "80", "--stop-signal", "SIGKILL", "busybox", "sh", "-c", Listen], ct);
            await Host.DockerAsync(["run", "-d", "--name", $"{p}-linked", "--stop-signal", "SIGKILL", "busybox", "sleep", "3600"], ct);
            await Host.DockerAsync(["run", "-d", "--name", $"{p}-other", "--stop-signal", "SIGKILL", "busybox", "sleep", "3600"], ct);
            var server = await AddressAsync($"{p}-server");
            var linked = await AddressAsync($"{p}-linked");

            var on = new PortalRuleSet([new PortalBridgePolicy("docker0", true)], []);
            await ApplyAsync(on);
            Assert.True(await LabState.ReachesAsync(Host, $"{p}-other", server, 81, ct), "ICC on in the portal's chain opens the bridge despite the daemon's --icc=false");

            var off = new PortalRuleSet([new PortalBridgePolicy("docker0", false)], [new PortalLinkPair("docker0", linked, server, 80, "tcp")]);
            await ApplyAsync(off);
            Assert.False(await LabState.ReachesAsync(Host, $"{p}-other", server, 80, ct), "unlinked pair blocked");
            Assert.True(await LabState.ReachesAsync(Host, $"{p}-linked", server, 80, ct), "linked pair on the exposed port");
            Assert.False(await LabState.ReachesAsync(Host, $"{p}-linked", server, 81, ct), "linked pair on a port not exposed");

            await ApplyAsync(on);
            Assert.True(await LabState.ReachesAsync(Host, $"{p}-other", server, 80, ct), "ICC on again restores traffic");
        }
        finally
        {
            await RemovePortalChainAsync(ct);
            await Host.RemoveByPrefixAsync(p, ct);
        }

        async Task ApplyAsync(PortalRuleSet rules)
        {
            var result = await AgentExecute.RunAsync(Host, new ApplyPortalRulesCommand(rules) { Intent = 1, User = "chg" }, ct);
            Assert.Equal(200, result.Status);
            var save = (await Host.IptablesSaveAsync("filter", ct)).Split('\n');
            Assert.Equal(rules.RuleTexts(), save.Where(l => l.StartsWith($"-A {PortalRuleSet.Chain} ", StringComparison.Ordinal)));
            Assert.Equal([PortalRuleSet.JumpRule], save.Where(l => l.Contains($"-j {PortalRuleSet.Chain}", StringComparison.Ordinal)));
            Assert.Equal(PortalRuleSet.JumpRule, save.First(l => l.StartsWith("-A DOCKER-USER ", StringComparison.Ordinal)));
        }

        async Task<string> AddressAsync(string container) =>
            At(await LabState.InspectAsync(Host, container, ct), "NetworkSettings.Networks.bridge.IPAddress")!.GetValue<string>();
    }

    [Theory]
    [InlineData("eth0")]
    [InlineData("lo")]
    [InlineData("labphys0")]
    [InlineData("br-000000000000")]
    public async Task ApplyPortalRules_InterfaceNotADockerBridge_RefusedAndRulesByteIdentical(string name)
    {
        var ct = TestContext.Current.CancellationToken;
        var before = await LabState.RulesAsync(Host, ct);
        (string Field, PortalRuleSet Rules)[] cases =
        [
            ("bridges", new PortalRuleSet([new PortalBridgePolicy("docker0", false), new PortalBridgePolicy(name, true)], [])),
            ("links", new PortalRuleSet([new PortalBridgePolicy("docker0", false)], [new PortalLinkPair(name, "172.17.0.2", "172.17.0.3", 80, "tcp")])),
        ];
        foreach (var (field, rules) in cases)
        {
            var result = await AgentExecute.RunAsync(Host, new ApplyPortalRulesCommand(rules) { Intent = 1, User = "chg" }, ct);

            Assert.Equal(400, result.Status);
            Assert.Equal($"{field}: '{name}' is not the bridge of a Docker network on this host", result.Error);
            Assert.Equal(before, await LabState.RulesAsync(Host, ct));
        }
    }

    [Fact]
    public async Task Execute_BadInputs_RulesAndInspectByteIdentical()
    {
        var ct = TestContext.Current.CancellationToken;
        var p = TheLab.UniqueName("chg-");
        var octet = Random.Shared.Next(100, 200);
        try
        {
            await Host.DockerAsync(["network", "create", "--subnet", $"172.28.{octet}.0/24", $"{p}-net"], ct);
            await Host.DockerAsync(["run", "-d", "--name", $"{p}-c", "--network", $"{p}-net", "--stop-signal", "SIGKILL", "busybox", "sleep", "3600"], ct);
            (AgentCommand Command, int Status)[] bad =
            [
                (new RecreateContainerCommand($"{p}-c", [new LinkSpec("web", "bad_alias")], [], [], []), 400),
                (new RecreateContainerCommand($"{p}-c", [], [], [new PortSpec(80, "icmp", 8080, null)], []), 400),
                (new RecreateContainerCommand($"{p}-c", [], [], [new PortSpec(80, "tcp", 0, null)], []), 400),
                (new RecreateContainerCommand($"{p}-c", [], ["nolink"], [], []), 404),
                (new RecreateContainerCommand($"{p}-c", [], [], [], [new PortSpec(80, "tcp", 8080, null)]), 404),
                (new RecreateContainerCommand($"{p}-missing", [new LinkSpec("web", "web")], [], [], []), 404),
                (new CreateNetworkCommand($"{p}-n2", "10.99.0.1/16", null, true, true, null), 400),
                (new CreateNetworkCommand($"{p}-net", null, null, true, true, null), 409),
                (new ConnectCommand($"{p}-net", $"{p}-c", "-alias", null), 400),
                (new ConnectCommand($"{p}-net", $"{p}-c", null, "10.1.1.1"), 400),
                (new DisconnectCommand($"{p}-net", "bad name"), 400),
                (new ApplyPortalRulesCommand(new PortalRuleSet([new PortalBridgePolicy("docker0 -j ACCEPT", true)], [])), 400),
                (new RemoveStaleRulesCommand(["-A DOCKER -j ACCEPT"]), 400),
                (new RemoveStaleRulesCommand(["-A FORWARD -s 172.17.0.4/32 -d 172.17.0.3/32 -i docker0 -o docker0 -p tcp -m tcp --dport 80 -j ACCEPT"]), 400),
            ];
            foreach (var (command, status) in bad)
            {
                var rules = await LabState.RulesAsync(Host, ct);
                var inspect = (await LabState.InspectAsync(Host, $"{p}-c", ct)).ToJsonString();
                var result = await AgentExecute.RunAsync(Host, command, ct);
                Assert.True(status == result.Status, $"{command}: {result.Status} {result.Error}");
                Assert.Equal(inspect, (await LabState.InspectAsync(Host, $"{p}-c", ct)).ToJsonString());
                Assert.Equal(rules, await LabState.RulesAsync(Host, ct));
            }
        }
        finally
        {
            await Host.RemoveByPrefixAsync(p, ct);
        }
    }

    private static async Task RemovePortalChainAsync(CancellationToken ct)
    {
        var save = await Host.IptablesSaveAsync("filter", ct);
        if (!save.Contains($":{PortalRuleSet.Chain} ", StringComparison.Ordinal))
        {
            return;
        }

        var input = "*filter\n"
            + string.Concat(save.Split('\n').Where(l => l == PortalRuleSet.JumpRule).Select(_ => $"-D DOCKER-USER -j {PortalRuleSet.Chain}\n"))
            + $"-F {PortalRuleSet.Chain}\n-X {PortalRuleSet.Chain}\nCOMMIT\n";
        var file = Path.GetTempFileName();
        await File.WriteAllTextAsync(file, input, ct);
        try
        {
            await Host.InNamespaceAsync("iptables-restore", ["-w", "--noflush", file], ct);
        }
        finally
        {
            File.Delete(file);
        }
    }

    private static JsonNode? At(JsonObject root, string path)
    {
        JsonNode? node = root;
        foreach (var part in path.Split('.'))
        {
            node = node?[part];
        }

        return node;
    }

    private static List<string> After(JsonObject root, string path) => [.. At(root, path)!.AsArray().Select(n => n!.GetValue<string>())];

    private static List<string> Mounts(JsonObject inspect) =>
        [.. inspect["Mounts"]!.AsArray().Select(m => $"{m!["Type"]} {m["Name"]} {m["Source"]} -> {m["Destination"]} rw={m["RW"]}").Order(StringComparer.Ordinal)];

    /// <summary>Each network with its address, fixed address and aliases, the container's own short-id alias left out.</summary>
    private static List<string> Networks(JsonObject inspect)
    {
        var shortId = inspect["Id"]!.GetValue<string>()[..12];
        return [.. inspect["NetworkSettings"]!["Networks"]!.AsObject().Select(n =>
            $"{n.Key} {n.Value!["IPAddress"]} ipam={n.Value["IPAMConfig"]?.ToJsonString()} aliases={string.Join(',', (n.Value["Aliases"]?.AsArray() ?? []).Select(a => a!.GetValue<string>()).Where(a => a != shortId))}")];
    }
}
