using Portal.Contracts.Model;

namespace Portal.Core.Reachability;

/// <summary>
/// What routing needs from a snapshot: each bridge's subnet and gateway (the host's address on it), each container's
/// address, MAC and veth on each bridge. The host's own addresses known here are the bridges' gateways and 127.0.0.0/8;
/// any other address that is neither a container's nor inside a bridge's subnet is taken as one of the host's own
/// (the portal does not see the host's physical interfaces).
/// </summary>
public sealed class HostTopology
{
    private static readonly Ipv4Network Loopback = new(0x7F000000, 0xFF000000);
    private readonly Dictionary<string, BridgeInfo> bridgesByNetwork = new(StringComparer.Ordinal);
    private readonly Dictionary<string, ContainerInfo> containers = new(StringComparer.Ordinal);
    private readonly Dictionary<uint, ContainerInfo> byAddress = [];
    private readonly Dictionary<BridgeInfo, bool> icc = [];

    public HostTopology(HostSnapshot snapshot)
    {
        foreach (var bridge in snapshot.Bridges)
        {
            Ipv4Network.TryParse(bridge.Subnet, out var subnet);
            Ipv4.TryParse(bridge.Gateway, out var gateway);
            var info = new BridgeInfo(bridge.Name, bridge.Network, bridge.Subnet is null ? null : subnet, bridge.Gateway is null ? null : gateway);
            icc[info] = bridge.Icc;
            Bridges.Add(info);
            bridgesByNetwork[bridge.Network] = info;
        }

        var veths = snapshot.Bridges
            .SelectMany(b => b.Interfaces.Where(i => i.Container is not null).Select(i => (Bridge: b.Name, i.Container, i.Name)))
            .GroupBy(x => (x.Bridge, x.Container!))
            .ToDictionary(g => g.Key, g => g.First().Name);

        foreach (var container in snapshot.Containers)
        {
            var endpoints = new List<ContainerEndpoint>();
            foreach (var endpoint in container.Endpoints)
            {
                if (bridgesByNetwork.TryGetValue(endpoint.Network, out var bridge) && Ipv4.TryParse(endpoint.Ipv4, out var address))
                {
                    veths.TryGetValue((bridge.Name, container.Name), out var veth);
                    endpoints.Add(new ContainerEndpoint(bridge, address, endpoint.Mac, veth));
                }
            }

            var info = new ContainerInfo(container, endpoints);
            containers[container.Name] = info;
            foreach (var endpoint in endpoints)
            {
                byAddress.TryAdd(endpoint.Address, info);
            }
        }
    }

    public List<BridgeInfo> Bridges { get; } = [];

    public ContainerInfo? Container(string name) => containers.TryGetValue(name, out var info) ? info : null;

    public ContainerInfo? ContainerAt(uint address) => byAddress.TryGetValue(address, out var info) ? info : null;

    public IEnumerable<ContainerInfo> Containers => containers.Values;

    /// <summary>The bridge whose subnet holds <paramref name="address"/>, or null.</summary>
    public BridgeInfo? BridgeFor(uint address)
    {
        foreach (var bridge in Bridges)
        {
            if (bridge.Subnet is { } subnet && subnet.Contains(address))
            {
                return bridge;
            }
        }

        return null;
    }

    /// <summary>What Docker says of the network's inter-container communication (the rules decide what really happens).</summary>
    public bool IccOn(BridgeInfo bridge) => icc.GetValueOrDefault(bridge);

    public BridgeInfo? BridgeNamed(string name) => Bridges.Find(b => b.Name == name);

    public bool IsBridgeName(string name) => Bridges.Exists(b => b.Name == name);

    /// <summary>Whether the address is one of the host's own (a gateway, loopback, or anything not on a bridge).</summary>
    public bool IsLocal(uint address)
    {
        if (Loopback.Contains(address))
        {
            return true;
        }

        foreach (var bridge in Bridges)
        {
            if (bridge.Gateway == address)
            {
                return true;
            }
        }

        return BridgeFor(address) is null && ContainerAt(address) is null;
    }

    public static bool IsLoopback(uint address) => Loopback.Contains(address);
}

/// <summary>A Docker bridge as routing sees it.</summary>
public sealed record BridgeInfo(string Name, string Network, Ipv4Network? Subnet, uint? Gateway);

/// <summary>A container's attachment to a bridge: its address, MAC and the host end of its veth.</summary>
public sealed record ContainerEndpoint(BridgeInfo Bridge, uint Address, string? Mac, string? Veth);

/// <summary>A container and its bridge endpoints (those with an IPv4 address).</summary>
public sealed record ContainerInfo(Container Container, IReadOnlyList<ContainerEndpoint> Endpoints)
{
    public string Name => Container.Name;

    /// <summary>
    /// The endpoint that reaches <paramref name="address"/> directly (same subnet), else the one holding the container's
    /// default route: Docker (libnetwork) gives it to the network whose name sorts first among equal priorities.
    /// </summary>
    public ContainerEndpoint? EndpointToward(uint address, HostTopology topology)
    {
        var bridge = topology.BridgeFor(address);
        foreach (var endpoint in Endpoints)
        {
            if (endpoint.Bridge == bridge)
            {
                return endpoint;
            }
        }

        return Endpoints.OrderBy(e => e.Bridge.Network, StringComparer.Ordinal).FirstOrDefault();
    }
}
