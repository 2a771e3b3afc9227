using Portal.Contracts.Model;

namespace Portal.Core.Ownership;

/// <summary>What a host's bridges and containers say about names: which network a bridge carries, who holds an address.</summary>
internal sealed class OwnershipContext
{
    private readonly Dictionary<string, Bridge> bridges = new(StringComparer.Ordinal);
    private readonly Dictionary<(string Network, string Ip), Container> byNetworkIp = [];
    private readonly Dictionary<string, Container> byIp = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Container> byName = new(StringComparer.Ordinal);

    public OwnershipContext(IReadOnlyList<Bridge> bridgeList, IReadOnlyList<Container> containers)
    {
        foreach (var bridge in bridgeList)
        {
            bridges.TryAdd(bridge.Name, bridge);
        }

        foreach (var container in containers)
        {
            byName.TryAdd(Name(container), container);
            foreach (var endpoint in container.Endpoints)
            {
                if (endpoint.Ipv4 is { Length: > 0 } ip)
                {
                    var address = StripPrefix(ip);
                    byNetworkIp.TryAdd((endpoint.Network, address), container);

                    // Addresses repeat across bridges (and across hosts); a bare address is only trusted when unique.
                    if (!byIp.TryAdd(address, container) && byIp[address] != container)
                    {
                        byIp[address] = Ambiguous;
                    }
                }
            }
        }
    }

    private static readonly Container Ambiguous = new("", "", "", "", "", [], [], [], [], [], []);

    public static string Name(Container container) => container.Name.TrimStart('/');

    public string? Network(string bridge) => bridges.TryGetValue(bridge, out var found) ? found.Network : null;

    public string? NetworkBySubnet(string subnet)
    {
        foreach (var bridge in bridges.Values)
        {
            if (bridge.Subnet == subnet)
            {
                return bridge.Network;
            }
        }

        return null;
    }

    public Container? ByName(string name) => byName.GetValueOrDefault(name.TrimStart('/'));

    /// <summary>The container holding <paramref name="ip"/> on the bridge's network, or anywhere when the bridge is not known.</summary>
    public Container? Holder(string ip, string? bridge)
    {
        var address = StripPrefix(ip);
        if (bridge is not null && Network(bridge) is { } network)
        {
            return byNetworkIp.GetValueOrDefault((network, address));
        }

        var found = byIp.GetValueOrDefault(address);
        return found == Ambiguous ? null : found;
    }

    private static string StripPrefix(string ip)
    {
        var slash = ip.IndexOf('/', StringComparison.Ordinal);
        return slash < 0 ? ip : ip[..slash];
    }
}
