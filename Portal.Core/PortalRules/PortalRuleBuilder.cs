using Portal.Core.Model;
using Portal.Core.Validation;

namespace Portal.Core.PortalRules;

/// <summary>
/// Computes the portal's chain from what the operator wants (ICC per network, links) and where the containers are
/// now: rules follow container addresses, so this is re-run whenever an address changes.
/// </summary>
public static class PortalRuleBuilder
{
    /// <param name="iccByNetwork">Network name -> ICC wanted.</param>
    /// <param name="links">Link intents as (source container, target container).</param>
    public static PortalRuleSet Build(
        IReadOnlyDictionary<string, bool> iccByNetwork,
        IEnumerable<(string Source, string Target)> links,
        IReadOnlyList<Bridge> bridges,
        IReadOnlyList<Container> containers)
    {
        var bridgeOfNetwork = bridges.ToDictionary(b => b.Network, b => b, StringComparer.Ordinal);
        var policies = iccByNetwork
            .Where(p => bridgeOfNetwork.ContainsKey(p.Key))
            .OrderBy(p => p.Key, StringComparer.Ordinal)
            .Select(p => new PortalBridgePolicy(bridgeOfNetwork[p.Key].Name, p.Value))
            .ToList();

        var byName = containers.ToDictionary(c => c.Name, StringComparer.Ordinal);
        var pairs = new List<PortalLinkPair>();
        foreach (var (source, target) in links.Distinct().OrderBy(l => l.Source, StringComparer.Ordinal).ThenBy(l => l.Target, StringComparer.Ordinal))
        {
            if (!byName.TryGetValue(source, out var from) || !byName.TryGetValue(target, out var to))
            {
                continue;
            }

            // A link allows traffic on every bridge the two share, on the target's exposed ports only (as Docker does).
            foreach (var endpoint in from.Endpoints)
            {
                var peer = to.Endpoints.FirstOrDefault(e => e.Network == endpoint.Network);
                if (peer?.Ipv4 is null || endpoint.Ipv4 is null || !bridgeOfNetwork.TryGetValue(endpoint.Network, out var bridge))
                {
                    continue;
                }

                foreach (var exposed in to.Exposed.OrderBy(PortOrder))
                {
                    if (Ports.TryParse(exposed, out var port, out var protocol))
                    {
                        pairs.Add(new PortalLinkPair(bridge.Name, endpoint.Ipv4, peer.Ipv4, port, protocol));
                    }
                }
            }
        }

        return new PortalRuleSet(policies, pairs);
    }

    private static (int, string) PortOrder(string exposed) =>
        Ports.TryParse(exposed, out var port, out var protocol) ? (port, protocol) : (0, exposed);
}
