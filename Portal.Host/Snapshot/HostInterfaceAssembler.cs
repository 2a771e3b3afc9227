using Portal.Contracts.Model;
using Portal.Contracts.PortalRules;
using Portal.Host.Docker;
using Portal.Host.Netlink;

namespace Portal.Host.Snapshot;

/// <summary>The host's own interfaces with IPv4 addresses: not loopback, not Docker's bridges, not a bridge's ports.</summary>
public static class HostInterfaceAssembler
{
    public static IReadOnlyList<HostInterface> Assemble(IReadOnlyList<BridgeNetwork> networks, KernelView kernel)
    {
        var bridges = networks.Select(n => n.BridgeName).ToHashSet(StringComparer.Ordinal);
        return kernel.Links
            .Where(l => l.Name != "lo" && l.Master is null && !bridges.Contains(l.Name))
            .Select(l => new HostInterface(
                l.Name,
                kernel.Addresses
                    .Where(a => a.Index == l.Index)
                    .Select(a => new InterfaceAddress(a.Address, a.PrefixLength, a.Protocol == PortalAddressSet.AddressProtocol))
                    .ToList()))
            .Where(i => i.Addresses.Count > 0)
            .OrderBy(i => i.Name, StringComparer.Ordinal)
            .ToList();
    }
}
