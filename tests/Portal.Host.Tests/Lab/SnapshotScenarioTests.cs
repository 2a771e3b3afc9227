using System.Text.Json;
using Portal.Contracts.Model;
using Portal.Lab;
using TheLab = Portal.Lab.Lab;

namespace Portal.Host.Tests;

/// <summary>
/// The classic picture on each lab host (default bridge with icc=false, a published port, a legacy link to a
/// child exposing tcp and udp ports, a user-defined network with ICC off, a static IP and an alias, a container
/// restarted into a new address), read by the agent and compared with what the engine, the kernel and the
/// containers themselves say.
/// </summary>
[Collection(LabCollection.Name)]
public sealed class SnapshotScenarioTests
{
    public static TheoryData<string> Hosts => ["docker1", "docker2"];

    private static LabHost HostNamed(string name) => name == "docker1" ? TheLab.Docker1 : TheLab.Docker2;

    [Theory]
    [MemberData(nameof(Hosts))]
    public async Task Snapshot_ClassicScenario_EqualsGroundTruth(string hostName)
    {
        var ct = TestContext.Current.CancellationToken;
        var host = HostNamed(hostName);
        var prefix = TheLab.UniqueName("hst-");
        var scenario = new Scenario(prefix);
        try
        {
            await scenario.BuildAsync(host, ct);
            var (snapshot, iptablesSave, bridgePorts) = await AgentSnapshot.TakeStableAsync(host, ct);

            Assert.Equal(hostName, snapshot.Host);
            Assert.Equal("nf_tables", snapshot.IptablesBackend);
            AssertRules(snapshot, iptablesSave);
            await AssertBridgesAsync(host, snapshot, scenario, bridgePorts, ct);
            foreach (var name in scenario.Containers)
            {
                await AssertContainerAsync(host, snapshot, name, ct);
            }

            await AssertLinkAsync(host, snapshot, scenario, ct);
            AssertStaticEndpoint(snapshot, scenario);
            Assert.NotEqual(scenario.MoverFirstAddress, Endpoint(snapshot, scenario.Mover, scenario.Network).Ipv4);
            Assert.Equal(scenario.MoverFirstAddress, Endpoint(snapshot, scenario.Filler, scenario.Network).Ipv4);
        }
        finally
        {
            await host.RemoveByPrefixAsync(prefix, ct);
        }
    }

    [Fact]
    public async Task Snapshot_BothHosts_SameDefaultBridgeAddressesAsEngines()
    {
        // Both daemons hand out 172.17.0.0/16 independently, so equal addresses on two hosts are normal; each
        // agent must report exactly its own engine's holders.
        var ct = TestContext.Current.CancellationToken;
        var prefix = TheLab.UniqueName("hst-");
        try
        {
            var addresses = new List<HashSet<string>>();
            var engines = new List<HashSet<string>>();
            foreach (var host in TheLab.Hosts)
            {
                await host.DockerAsync(["run", "-d", "--name", $"{prefix}-first", "busybox", "sleep", "3600"], ct);
                var snapshot = await AgentSnapshot.TakeAsync(host, ct);
                var engine = new HashSet<string>(StringComparer.Ordinal);
                foreach (var container in snapshot.Containers)
                {
                    using var inspect = await host.InspectAsync(container.Id, ct);
                    if (GroundTruth.String(inspect.RootElement, "NetworkSettings", "Networks", "bridge", "IPAddress") is { } ip)
                    {
                        engine.Add(ip);
                    }
                }

                var reported = snapshot.Containers.SelectMany(c => c.Endpoints).Where(e => e.Network == "bridge" && e.Ipv4 is not null).Select(e => e.Ipv4!).ToHashSet();
                Assert.Equal(engine.Order(), reported.Order());
                addresses.Add(reported);
                engines.Add(engine);
            }

            // Allocation is round-robin per daemon and other helpers use the lab, so which addresses coincide
            // varies; whatever the engines hold on both hosts, both agents report (the classic 172.17.0.2 twice).
            var shared = addresses[0].Intersect(addresses[1]).ToList();
            Assert.Equal(engines[0].Intersect(engines[1]).Order(), shared.Order());
        }
        finally
        {
            foreach (var host in TheLab.Hosts)
            {
                await host.RemoveByPrefixAsync(prefix, ct);
            }
        }
    }

    private static void AssertRules(HostSnapshot snapshot, string iptablesSave)
    {
        var expected = GroundTruth.RulesByChain(iptablesSave);
        var actual = snapshot.Rules
            .GroupBy(r => r.Table + "/" + r.Chain)
            .ToDictionary(g => g.Key, g => g.OrderBy(r => r.Index).ToList());
        Assert.Equal(expected.Select(e => e.Chain).Order(), actual.Keys.Order());
        foreach (var (chain, rules) in expected)
        {
            Assert.Equal(rules, actual[chain].Select(r => r.Text));
            Assert.Equal(Enumerable.Range(1, rules.Count), actual[chain].Select(r => r.Index));
        }
    }

    private static async Task AssertBridgesAsync(LabHost host, HostSnapshot snapshot, Scenario scenario, string bridgePorts, CancellationToken ct)
    {
        var docker0 = snapshot.Bridges.Single(b => b.Network == "bridge");
        Assert.Equal("docker0", docker0.Name);
        Assert.False(docker0.Icc);
        Assert.Equal(GroundTruth.InterfaceNames(bridgePorts), docker0.Interfaces.Select(i => i.Name).Order(StringComparer.Ordinal));

        using var network = await host.InspectAsync(scenario.Network, ct);
        var id = network.RootElement.GetProperty("Id").GetString()!;
        var ipam = network.RootElement.GetProperty("IPAM").GetProperty("Config")[0];
        var bridge = snapshot.Bridges.Single(b => b.Network == scenario.Network);
        Assert.Equal("br-" + id[..12], bridge.Name);
        Assert.Equal(id, bridge.NetworkId);
        Assert.False(bridge.Icc);
        Assert.True(bridge.Masquerade);
        Assert.Equal(ipam.GetProperty("Subnet").GetString(), bridge.Subnet);
        // Without --gateway the engine records none and puts the subnet's first address on the bridge.
        var addresses = await host.InNamespaceAsync("ip", ["-j", "-4", "addr", "show", "dev", bridge.Name], ct);
        using var addressJson = JsonDocument.Parse(addresses);
        var bridgeAddress = addressJson.RootElement[0].GetProperty("addr_info")[0].GetProperty("local").GetString();
        Assert.Equal(GroundTruth.String(ipam, "Gateway") ?? bridgeAddress, bridge.Gateway);
        var ports = await host.InNamespaceAsync("ip", ["-j", "link", "show", "master", bridge.Name], ct);
        Assert.Equal(GroundTruth.InterfaceNames(ports), bridge.Interfaces.Select(i => i.Name).Order(StringComparer.Ordinal));

        // The container end of each veth: its eth0's iflink is the host-side ifindex.
        foreach (var (name, network_) in scenario.Running)
        {
            var iflink = int.Parse((await host.ExecAsync(name, "cat", "/sys/class/net/eth0/iflink")).Trim());
            var port = snapshot.Bridges.Single(b => b.Network == network_).Interfaces.Single(i => i.Index == iflink);
            Assert.Equal(name, port.Container);
            Assert.Equal("eth0", port.ContainerInterface);
        }
    }

    private static async Task AssertContainerAsync(LabHost host, HostSnapshot snapshot, string name, CancellationToken ct)
    {
        var container = snapshot.Containers.Single(c => c.Name == name);
        using var document = await host.InspectAsync(name, ct);
        var inspect = document.RootElement;
        Assert.Equal(inspect.GetProperty("Id").GetString(), container.Id);
        Assert.Equal(inspect.GetProperty("State").GetProperty("Status").GetString(), container.State);
        Assert.Equal(inspect.GetProperty("Config").GetProperty("Image").GetString(), container.Image);
        Assert.Equal(inspect.GetProperty("Config").GetProperty("Hostname").GetString(), container.Hostname);

        var networks = inspect.GetProperty("NetworkSettings").GetProperty("Networks");
        Assert.Equal(networks.EnumerateObject().Select(n => n.Name).Order(), container.Endpoints.Select(e => e.Network).Order());
        foreach (var network in networks.EnumerateObject())
        {
            var endpoint = container.Endpoints.Single(e => e.Network == network.Name);
            Assert.Equal(GroundTruth.String(network.Value, "IPAddress"), endpoint.Ipv4);
            Assert.Equal(GroundTruth.String(network.Value, "MacAddress"), endpoint.Mac);
            Assert.Equal(GroundTruth.String(network.Value, "EndpointID"), endpoint.EndpointId);
            Assert.Equal(GroundTruth.String(network.Value, "IPAMConfig", "IPv4Address"), endpoint.StaticIpv4);
            var aliases = network.Value.GetProperty("Aliases");
            Assert.Equal(aliases.ValueKind == JsonValueKind.Array ? aliases.EnumerateArray().Select(a => a.GetString()!).ToList() : [], endpoint.Aliases);
        }

        var expectedPorts = new List<string>();
        if (inspect.GetProperty("NetworkSettings").GetProperty("Ports") is { ValueKind: JsonValueKind.Object } ports)
        {
            foreach (var port in ports.EnumerateObject().Where(p => p.Value.ValueKind == JsonValueKind.Array))
            {
                expectedPorts.AddRange(port.Value.EnumerateArray().Select(b => $"{port.Name}:{b.GetProperty("HostIp").GetString()}:{b.GetProperty("HostPort").GetString()}"));
            }
        }

        Assert.Equal(expectedPorts.Order(), container.Ports.Select(p => $"{p.ContainerPort}/{p.Protocol}:{p.HostIp}:{p.HostPort}").Order());

        var exposed = inspect.GetProperty("Config").TryGetProperty("ExposedPorts", out var e) && e.ValueKind == JsonValueKind.Object
            ? e.EnumerateObject().Select(p => p.Name).ToList()
            : [];
        Assert.Equal(exposed.Order(), container.Exposed.Order());

        var links = inspect.GetProperty("HostConfig").GetProperty("Links");
        var expectedLinks = links.ValueKind == JsonValueKind.Array ? links.EnumerateArray().Select(l => l.GetString()!).ToList() : [];
        Assert.Equal(expectedLinks.Order(), container.Links.Select(l => $"/{l.Target}:/{name}/{l.Alias}").Order());

        if (container.State == "running")
        {
            var hosts = await host.ExecAsync(name, "cat", "/etc/hosts");
            Assert.Equal(GroundTruth.HostsLines(hosts), container.Hosts.Select(h => (h.Address, string.Join(' ', h.Names))));

            // `docker exec` recomputes link variables; none of this scenario's children moved, so values agree.
            var env = await host.ExecAsync(name, "env");
            Assert.Equal(
                env.Split('\n', StringSplitOptions.RemoveEmptyEntries).Order(StringComparer.Ordinal),
                container.Env.Select(v => $"{v.Name}={v.Value}").Order(StringComparer.Ordinal));
        }
    }

    private static async Task AssertLinkAsync(LabHost host, HostSnapshot snapshot, Scenario scenario, CancellationToken ct)
    {
        var client = snapshot.Containers.Single(c => c.Name == scenario.Client);
        Assert.Equal([new ContainerLink(scenario.Child, "db")], client.Links);
        Assert.Equal(["53/udp", "80/tcp", "9000/tcp", "9001/tcp"], snapshot.Containers.Single(c => c.Name == scenario.Child).Exposed);

        // What Docker itself put into PID 1 of the client at start (not exec's recomputation).
        var environ = await host.ExecAsync(scenario.Client, "cat", "/proc/1/environ");
        var pid1 = environ.Split('\0', StringSplitOptions.RemoveEmptyEntries);
        var linkNames = pid1.Where(v => v.StartsWith("DB_", StringComparison.Ordinal)).Select(v => v[..v.IndexOf('=')]).ToHashSet();
        Assert.Contains("DB_PORT_53_UDP", linkNames);
        Assert.Contains("DB_ENV_CHILD_VAR", linkNames);
        Assert.Equal(linkNames.Order(), client.Env.Where(v => v.Source == EnvSource.Link).Select(v => v.Name).Order());
        Assert.Equal(EnvSource.User, client.Env.Single(v => v.Name == "USERVAR").Source);
        Assert.Equal(pid1, client.Env.Select(v => $"{v.Name}={v.Value}"));
    }

    private static void AssertStaticEndpoint(HostSnapshot snapshot, Scenario scenario)
    {
        var endpoint = Endpoint(snapshot, scenario.Static, scenario.Network);
        Assert.Equal(scenario.StaticAddress, endpoint.StaticIpv4);
        Assert.Equal(scenario.StaticAddress, endpoint.Ipv4);
        Assert.Contains(scenario.Alias, endpoint.Aliases);
    }

    private static Endpoint Endpoint(HostSnapshot snapshot, string container, string network) =>
        snapshot.Containers.Single(c => c.Name == container).Endpoints.Single(e => e.Network == network);
}
