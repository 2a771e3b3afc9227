using System.Net;
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
                Index(endpoint.Network, endpoint.Ipv4, container);
                Index(endpoint.Network, endpoint.Ipv6, container);

                // 20.10's IPv6 rules are matched in the IPv4 shapes with their addresses encoded (Ipv6Tokens).
                if (endpoint.Ipv6 is { Length: > 0 } ip6)
                {
                    Index(endpoint.Network, Ipv6Tokens.Encode(Address(ip6)), container);
                }
            }
        }
    }

    private void Index(string network, string? ip, Container container)
    {
        if (ip is not { Length: > 0 })
        {
            return;
        }

        var address = Address(ip);
        byNetworkIp.TryAdd((network, address), container);

        // Addresses repeat across bridges (and across hosts); a bare address is only trusted when unique.
        if (!byIp.TryAdd(address, container) && byIp[address] != container)
        {
            byIp[address] = Ambiguous;
        }
    }

    private static readonly Container Ambiguous = new("", "", "", "", "", [], [], [], [], [], []);

    public static string Name(Container container) => container.Name.TrimStart('/');

    public string? Network(string bridge) => bridges.TryGetValue(bridge, out var found) ? found.Network : null;

    public string? NetworkBySubnet(string subnet)
    {
        foreach (var bridge in bridges.Values)
        {
            if (bridge.Subnet == subnet || (bridge.SubnetIpv6 is { } ipv6 && (Ipv6Tokens.Encode(ipv6) == subnet || ipv6 == subnet)))
            {
                return bridge.Network;
            }
        }

        return null;
    }

    public Container? ByName(string name) => byName.GetValueOrDefault(name.TrimStart('/'));

    /// <summary>The container holding <paramref name="ip"/> (IPv4 or IPv6) on the bridge's network, or anywhere when the bridge is not known.</summary>
    public Container? Holder(string ip, string? bridge)
    {
        var address = Address(ip);
        if (bridge is not null && Network(bridge) is { } network)
        {
            return byNetworkIp.GetValueOrDefault((network, address));
        }

        var found = byIp.GetValueOrDefault(address);
        return found == Ambiguous ? null : found;
    }

    /// <summary>The container whose port binding publishes <paramref name="hostPort"/>/<paramref name="protocol"/> on <paramref name="hostIp"/> (or on every address, which includes it).</summary>
    public (Container Holder, PortBinding Binding)? Publisher(string hostIp, string hostPort, string protocol)
    {
        var address = Address(hostIp);
        foreach (var container in byName.Values)
        {
            foreach (var binding in container.Ports)
            {
                if (binding.HostPort is { } port
                    && port.ToString(System.Globalization.CultureInfo.InvariantCulture) == hostPort
                    && binding.Protocol == protocol
                    && (string.IsNullOrEmpty(binding.HostIp) || binding.HostIp is "0.0.0.0" or "::" || Address(binding.HostIp) == address))
                {
                    return (container, binding);
                }
            }
        }

        return null;
    }

    /// <summary>An address without its prefix, IPv6 in its one canonical form (iptables and docker inspect may differ in zeros and case).</summary>
    public static string Address(string ip)
    {
        var slash = ip.IndexOf('/', StringComparison.Ordinal);
        var address = slash < 0 ? ip : ip[..slash];
        return address.Contains(':', StringComparison.Ordinal) && IPAddress.TryParse(address, out var parsed) ? parsed.ToString() : address;
    }
}
