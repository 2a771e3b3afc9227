using Portal.Contracts.Model;

namespace Portal.Client.Formatting;

/// <summary>
/// Lays out the network-zones picture as plain geometry, so the Razor side only draws and this stays testable:
/// hosts side by side under the physical network, each host's bridges stacked, each bridge listing the containers
/// with an endpoint on its network. Public addresses mapped to containers hang on their host's line just below the
/// physical network; the gap grows with the longest list so sixteen failover addresses still read.
/// </summary>
public static class ZoneLayout
{
    public const double Margin = 16;
    public const double BarHeight = 30;
    public const double HostTop = 90;
    public const double HostWidth = 320;
    public const double HostGap = 24;
    public const double HostHeader = 34;
    public const double BridgeHeader = 40;
    public const double ContainerRow = 26;
    public const double Padding = 10;
    public const double AddressRow = 15;

    /// <summary>Address labels that fit in the plain gap between the physical bar and the hosts.</summary>
    private const int AddressesInGap = 2;

    public static ZoneDiagram Build(IReadOnlyList<ZoneHost> hosts)
    {
        var shared = SharedAddresses(hosts);
        var mostAddresses = hosts.Count == 0 ? 0 : hosts.Max(h => h.Addresses?.Count ?? 0);
        var top = HostTop + Math.Max(0, mostAddresses - AddressesInGap) * AddressRow;
        var boxes = new List<ZoneHostBox>();
        var x = Margin;
        foreach (var host in hosts.OrderBy(h => h.Name, StringComparer.Ordinal))
        {
            boxes.Add(LayOutHost(host, x, top, shared));
            x += HostWidth + HostGap;
        }

        var width = Math.Max(x - HostGap + Margin, HostWidth + 2 * Margin);
        var height = boxes.Count == 0 ? top : boxes.Max(b => b.Box.Bottom) + Margin;
        var bar = new ZoneBox(Margin, Margin, width - 2 * Margin, BarHeight);
        return new ZoneDiagram(width, height, bar, boxes, shared);
    }

    /// <summary>Container addresses held on two or more hosts.</summary>
    public static IReadOnlySet<string> SharedAddresses(IEnumerable<ZoneHost> hosts) =>
        hosts.SelectMany(h => h.Containers
                .SelectMany(c => c.Endpoints)
                .Select(e => e.Ipv4)
                .OfType<string>()
                .Where(a => a.Length > 0)
                .Distinct()
                .Select(address => (Host: h.Name, Address: address)))
            .GroupBy(p => p.Address)
            .Where(g => g.Select(p => p.Host).Distinct().Count() > 1)
            .Select(g => g.Key)
            .ToHashSet(StringComparer.Ordinal);

    private static ZoneHostBox LayOutHost(ZoneHost host, double x, double top, IReadOnlySet<string> shared)
    {
        var mappings = (host.Addresses ?? [])
            .OrderBy(a => a.Address, StringComparer.Ordinal)
            .ToList();
        var publicOf = mappings
            .GroupBy(a => a.Container, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.First().Address, StringComparer.Ordinal);
        var labels = mappings
            .Select((a, i) => new ZonePublicAddress(
                a.Address,
                a.Container,
                a.OnInterface && a.ContainerIpv4 is not null,
                x + HostWidth / 2 + 6,
                Margin + BarHeight + AddressRow * (i + 1)))
            .ToList();
        var y = top + HostHeader;
        var bridges = new List<ZoneBridge>();
        foreach (var bridge in host.Bridges.OrderBy(b => b.Name, StringComparer.Ordinal))
        {
            var containers = new List<ZoneContainer>();
            var rowY = y + BridgeHeader;
            foreach (var (container, endpoint) in Attached(host.Containers, bridge))
            {
                var running = string.Equals(container.State, "running", StringComparison.OrdinalIgnoreCase);
                var address = string.IsNullOrEmpty(endpoint.Ipv4) ? null : endpoint.Ipv4;
                var isShared = address is not null && shared.Contains(address);
                var box = new ZoneBox(x + 2 * Padding, rowY, HostWidth - 4 * Padding, ContainerRow - 4);
                containers.Add(new ZoneContainer(container.Name, address, running, isShared, box, publicOf.GetValueOrDefault(container.Name)));
                rowY += ContainerRow;
            }

            var height = BridgeHeader + containers.Count * ContainerRow + Padding / 2;
            bridges.Add(new ZoneBridge(bridge.Name, bridge.Network, bridge.Subnet, new ZoneBox(x + Padding, y, HostWidth - 2 * Padding, height), containers));
            y += height + Padding;
        }

        var hostHeight = Math.Max(y - top, HostHeader + Padding);
        return new ZoneHostBox(host.Name, host.Online, new ZoneBox(x, top, HostWidth, hostHeight), bridges, labels);
    }

    private static IEnumerable<(Container Container, Endpoint Endpoint)> Attached(IEnumerable<Container> containers, Bridge bridge) =>
        containers
            .SelectMany(c => c.Endpoints
                .Where(e => string.Equals(e.Network, bridge.Network, StringComparison.Ordinal))
                .Select(e => (c, e)))
            .OrderBy(p => p.c.Name, StringComparer.Ordinal);
}
