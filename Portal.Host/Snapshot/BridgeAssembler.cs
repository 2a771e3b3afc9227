using Microsoft.Extensions.Logging;
using Portal.Contracts.Model;
using Portal.Host.Docker;
using Portal.Host.Netlink;

namespace Portal.Host.Snapshot;

/// <summary>Joins the engine's bridge networks with the kernel's bridges, their ports and the containers behind them.</summary>
public static class BridgeAssembler
{
    private const int DefaultMtu = 1500;

    public static IReadOnlyList<Bridge> Assemble(IReadOnlyList<BridgeNetwork> networks, KernelView kernel, ILogger logger)
    {
        var byName = kernel.Links.GroupBy(l => l.Name).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        var bridges = new List<Bridge>();
        foreach (var network in networks)
        {
            byName.TryGetValue(network.BridgeName, out var link);
            var interfaces = link is null
                ? []
                : kernel.Links
                    .Where(l => l.Master == link.Index)
                    .OrderBy(l => l.Name, StringComparer.Ordinal)
                    .Select(l => Interface(l, kernel))
                    .ToList();

            var addresses = link is null ? [] : kernel.Addresses.Where(a => a.Index == link.Index).Select(a => a.Address).ToList();
            var gateway = network.Gateway ?? addresses.FirstOrDefault();
            if (link is not null && network.Gateway is { } expected && !addresses.Contains(expected))
            {
                logger.LogWarning(
                    "Bridge {Bridge} of network {Network} does not hold its gateway {Gateway} (has {Addresses})",
                    network.BridgeName, network.Name, expected, string.Join(", ", addresses));
            }

            bridges.Add(new Bridge(
                network.BridgeName,
                network.Name,
                network.Id,
                network.Subnet,
                gateway,
                network.Icc,
                network.Masquerade,
                network.Mtu ?? link?.Mtu ?? DefaultMtu,
                interfaces));
        }

        return bridges;
    }

    private static BridgeInterface Interface(KernelLink port, KernelView kernel)
    {
        var peer = port.Kind == "veth" ? VethPeers.Find(port, kernel.ContainerLinks) : null;
        return new BridgeInterface(port.Name, port.Index, peer?.Container, peer?.Interface);
    }
}
