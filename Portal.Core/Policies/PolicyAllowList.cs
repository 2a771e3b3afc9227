using Portal.Contracts.Flows;
using Portal.Contracts.Intents;
using Portal.Contracts.Model;
using Portal.Contracts.Policies;
using Portal.Core.Validation;

namespace Portal.Core.Policies;

/// <summary>
/// A network's allow list in force: the operator's entries of its newest policy intent and, derived anew from the
/// state each time, one entry per legacy link between two containers of the network on each of the target's exposed
/// ports (what Docker's link allows), marked <see cref="PolicySource.Link"/>.
/// </summary>
public static class PolicyAllowList
{
    /// <summary>The network's newest policy intent (the store keeps intents oldest first), or null.</summary>
    public static PolicyIntent? Current(IEnumerable<IntentSpec> intents, string network) =>
        intents.OfType<PolicyIntent>().LastOrDefault(p => p.Network == network);

    /// <summary>The stored entries then the link-derived ones not already written, each once.</summary>
    public static IReadOnlyList<PolicyAllow> Effective(PolicyIntent? policy, string network, IEnumerable<IntentSpec> intents, HostSnapshot state)
    {
        var entries = new List<PolicyAllow>();
        var seen = new HashSet<(string?, string?, int?, string?)>();
        foreach (var entry in policy?.Allow ?? [])
        {
            if (seen.Add(Key(entry)))
            {
                entries.Add(entry with { Source = PolicySource.Policy });
            }
        }

        foreach (var entry in FromLinks(network, intents, state))
        {
            if (seen.Add(Key(entry)))
            {
                entries.Add(entry);
            }
        }

        return entries;
    }

    /// <summary>The entries the links between containers of <paramref name="network"/> give (intents and links Docker holds).</summary>
    public static IReadOnlyList<PolicyAllow> FromLinks(string network, IEnumerable<IntentSpec> intents, HostSnapshot state)
    {
        var byName = new Dictionary<string, Container>(StringComparer.Ordinal);
        foreach (var container in state.Containers)
        {
            byName.TryAdd(container.Name, container);
        }

        var links = intents.OfType<LinkIntent>().Select(l => (l.Source, l.Target))
            .Concat(state.Containers.SelectMany(c => c.Links.Select(l => (Source: c.Name, l.Target))))
            .Distinct()
            .OrderBy(l => l.Item1, StringComparer.Ordinal)
            .ThenBy(l => l.Item2, StringComparer.Ordinal);
        var entries = new List<PolicyAllow>();
        foreach (var (source, target) in links)
        {
            if (!byName.TryGetValue(source, out var from) || !byName.TryGetValue(target, out var to)
                || from.Endpoints.All(e => e.Network != network) || to.Endpoints.All(e => e.Network != network))
            {
                continue;
            }

            foreach (var exposed in to.Exposed)
            {
                if (Ports.TryParse(exposed, out var port, out var protocol))
                {
                    entries.Add(new PolicyAllow(from.Name, to.Name, port, protocol, PolicySource.Link));
                }
            }
        }

        return entries.Distinct().OrderBy(e => e.From, StringComparer.Ordinal).ThenBy(e => e.To, StringComparer.Ordinal).ThenBy(e => e.Port).ToList();
    }

    /// <summary>Whether an entry of <paramref name="allow"/> lets the flow's connections through.</summary>
    public static bool Allows(IEnumerable<PolicyAllow> allow, FlowEdge flow) =>
        allow.Any(a => a.From == flow.From && a.To == flow.To && a.Port == flow.Port && a.Proto == flow.Proto);

    /// <summary>The flows between containers of <paramref name="network"/> (both ends are containers on it now).</summary>
    public static IReadOnlyList<FlowEdge> OnNetwork(IEnumerable<FlowEdge> flows, string network, HostSnapshot state)
    {
        var members = state.Containers.Where(c => c.Endpoints.Any(e => e.Network == network)).Select(c => c.Name).ToHashSet(StringComparer.Ordinal);
        return flows.Where(f => f.Network == network && members.Contains(f.From) && members.Contains(f.To)).ToList();
    }

    /// <summary>
    /// The policy learned from flows: enforce, one entry per edge seen between containers of the network that no link
    /// already allows, in a stable order.
    /// </summary>
    public static PolicyRequest Learn(IEnumerable<FlowEdge> flows, string network, IEnumerable<IntentSpec> intents, HostSnapshot state)
    {
        var links = FromLinks(network, intents, state);
        var allow = OnNetwork(flows, network, state)
            .Where(f => !Allows(links, f))
            .Select(f => new PolicyAllow(f.From, f.To, f.Port, f.Proto))
            .Distinct()
            .OrderBy(a => a.From, StringComparer.Ordinal)
            .ThenBy(a => a.To, StringComparer.Ordinal)
            .ThenBy(a => a.Proto, StringComparer.Ordinal)
            .ThenBy(a => a.Port)
            .ToList();
        return new PolicyRequest(PolicyMode.Enforce, allow);
    }

    private static (string?, string?, int?, string?) Key(PolicyAllow entry) => (entry.From, entry.To, entry.Port, entry.Proto);
}
