using Portal.Core.Intents;
using Portal.Core.Model;
using Portal.Core.PortalRules;

namespace Portal.Core.Reconcile;

/// <summary>
/// The content the portal's chain must have for a host: each ICC intent's verdict, and ACCEPT pairs for every link
/// (wanted by an intent or observed as a legacy link) on a bridge whose effective ICC is off, at the containers'
/// current addresses. Because pairs are computed from the addresses of now, they follow containers that move.
/// </summary>
public static class DesiredPortalRules
{
    public static PortalRuleSet Compute(IEnumerable<IntentSpec> intents, HostSnapshot state)
    {
        var specs = intents.ToList();
        var icc = new Dictionary<string, bool>(StringComparer.Ordinal);
        foreach (var intent in specs.OfType<IccIntent>())
        {
            icc[intent.Network] = intent.Enabled;
        }

        var offNetworks = state.Bridges
            .Where(b => icc.TryGetValue(b.Network, out var on) ? !on : !b.Icc)
            .Select(b => b.Network)
            .ToHashSet(StringComparer.Ordinal);
        var links = specs.OfType<LinkIntent>().Select(l => (l.Source, l.Target))
            .Concat(state.Containers.SelectMany(c => c.Links.Select(l => (c.Name, l.Target))))
            .Distinct()
            .ToList();
        var all = PortalRuleBuilder.Build(icc, links, state.Bridges, state.Containers);
        var bridgesOff = state.Bridges.Where(b => offNetworks.Contains(b.Network)).Select(b => b.Name).ToHashSet(StringComparer.Ordinal);
        return all with { Links = all.Links.Where(p => bridgesOff.Contains(p.Bridge)).ToList() };
    }

    /// <summary>Whether anything at all is wanted in the portal's chain (no chain is written for a host that needs none).</summary>
    public static bool IsNeeded(IEnumerable<IntentSpec> intents) => intents.Any(i => i is IccIntent or LinkIntent);
}
