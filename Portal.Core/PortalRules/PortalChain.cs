using Portal.Contracts.Intents;
using Portal.Contracts.Model;
using Portal.Contracts.Policies;
using Portal.Contracts.PortalRules;
using Portal.Core.Plans;
using Portal.Core.Policies;
using Portal.Core.Validation;

namespace Portal.Core.PortalRules;

/// <summary>
/// The one derivation of the portal's chain: its whole content from ALL of a host's intents and its observed state at
/// once, whatever changed. Every planner that touches the chain and the reconciler get their chains from here (through
/// <see cref="PortalChainChange"/>), so no change can write a chain that forgets what another intent or Docker needs:
/// each network's ICC choice, and an ACCEPT pair for every link (wanted by an intent, or a legacy link Docker holds)
/// on every bridge whose effective ICC is off, at the containers' addresses of now (the pairs follow containers that move),
/// and each network's allow-list policy (monitor or enforce) with its entries at those addresses too.
/// </summary>
public static class PortalChain
{
    public static PortalRuleSet Derive(IEnumerable<IntentSpec> intents, HostSnapshot state)
    {
        ArgumentNullException.ThrowIfNull(intents);
        ArgumentNullException.ThrowIfNull(state);
        var specs = intents.ToList();
        var bridgeOfNetwork = new Dictionary<string, Bridge>(StringComparer.Ordinal);
        foreach (var bridge in state.Bridges)
        {
            bridgeOfNetwork.TryAdd(bridge.Network, bridge);
        }

        // The newest ICC choice per network wins (the store keeps them oldest first).
        var icc = new Dictionary<string, bool>(StringComparer.Ordinal);
        foreach (var intent in specs.OfType<IccIntent>())
        {
            icc[intent.Network] = intent.Enabled;
        }

        var policies = icc
            .Where(p => bridgeOfNetwork.ContainsKey(p.Key))
            .OrderBy(p => p.Key, StringComparer.Ordinal)
            .Select(p => new PortalBridgePolicy(bridgeOfNetwork[p.Key].Name, p.Value))
            .ToList();
        var bridgesOff = bridgeOfNetwork.Values
            .Where(b => icc.TryGetValue(b.Network, out var on) ? !on : !b.Icc)
            .Select(b => b.Name)
            .ToHashSet(StringComparer.Ordinal);

        var links = specs.OfType<LinkIntent>().Select(l => (l.Source, l.Target))
            .Concat(state.Containers.SelectMany(c => c.Links.Select(l => (c.Name, l.Target))))
            .Distinct()
            .OrderBy(l => l.Item1, StringComparer.Ordinal)
            .ThenBy(l => l.Item2, StringComparer.Ordinal);
        var byName = new Dictionary<string, Container>(StringComparer.Ordinal);
        foreach (var container in state.Containers)
        {
            byName.TryAdd(container.Name, container);
        }

        var pairs = new List<PortalLinkPair>();
        foreach (var (source, target) in links)
        {
            if (!byName.TryGetValue(source, out var from) || !byName.TryGetValue(target, out var to))
            {
                continue;
            }

            // A link allows traffic on every ICC-off bridge the two share, on the target's exposed ports only (as Docker does).
            foreach (var endpoint in from.Endpoints)
            {
                var peer = to.Endpoints.FirstOrDefault(e => e.Network == endpoint.Network);
                if (peer?.Ipv4 is null || endpoint.Ipv4 is null
                    || !bridgeOfNetwork.TryGetValue(endpoint.Network, out var bridge) || !bridgesOff.Contains(bridge.Name))
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

        return new PortalRuleSet(policies, pairs, NetworkPolicies(specs, state, bridgeOfNetwork, byName));
    }

    /// <summary>
    /// Each network's allow-list policy in monitor or enforce mode (the newest intent per network), its entries (the
    /// operator's and the link-derived ones) at the two containers' addresses on that network now; an entry whose
    /// container is gone or has no address yet allows nothing until it has one.
    /// </summary>
    private static List<PortalNetworkPolicy> NetworkPolicies(
        List<IntentSpec> specs, HostSnapshot state, Dictionary<string, Bridge> bridgeOfNetwork, Dictionary<string, Container> byName)
    {
        var newest = new Dictionary<string, PolicyIntent>(StringComparer.Ordinal);
        foreach (var intent in specs.OfType<PolicyIntent>())
        {
            newest[intent.Network] = intent;
        }

        var result = new List<PortalNetworkPolicy>();
        foreach (var (network, policy) in newest.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            if (policy.Mode == PolicyMode.Off || !bridgeOfNetwork.TryGetValue(network, out var bridge))
            {
                continue;
            }

            var pairs = new List<PortalPolicyPair>();
            foreach (var entry in PolicyAllowList.Effective(policy, network, specs, state))
            {
                if (entry is not { From: { } from, To: { } to, Port: { } port, Proto: { } proto }
                    || !byName.TryGetValue(from, out var source) || !byName.TryGetValue(to, out var target)
                    || HostState.Endpoint(source, network)?.Ipv4 is not { } sourceIpv4
                    || HostState.Endpoint(target, network)?.Ipv4 is not { } targetIpv4)
                {
                    continue;
                }

                pairs.Add(new PortalPolicyPair(sourceIpv4, targetIpv4, port, proto));
            }

            result.Add(new PortalNetworkPolicy(bridge.Name, policy.Mode == PolicyMode.Enforce, pairs.Distinct().ToList()));
        }

        return result;
    }

    /// <summary>Whether the intents alone want a chain (no chain is written for a host that needs none).</summary>
    public static bool IsNeeded(IEnumerable<IntentSpec> intents) =>
        intents.Any(i => i is IccIntent or LinkIntent || i is PolicyIntent { Mode: not PolicyMode.Off });

    /// <summary>
    /// The chain's rules as observed, in order, then those of its policy chain (as <c>RuleTexts</c> prints them), and
    /// whether DOCKER-USER jumps to it.
    /// </summary>
    public static (IReadOnlyList<string> Rules, bool JumpPresent) Observed(HostSnapshot snapshot)
    {
        var rules = snapshot.Rules
            .Where(r => r.Table == "filter" && r.Chain == PortalRuleSet.Chain)
            .OrderBy(r => r.Index)
            .Select(r => r.Text)
            .Concat(snapshot.Rules
                .Where(r => r.Table == "filter" && r.Chain == PortalRuleSet.PolicyChain)
                .OrderBy(r => r.Index)
                .Select(r => r.Text))
            .ToList();
        var jump = snapshot.Rules.Any(r => r.Table == "filter" && r.Chain == "DOCKER-USER" && r.Text == PortalRuleSet.JumpRule);
        return (rules, jump);
    }

    private static (int, string) PortOrder(string exposed) =>
        Ports.TryParse(exposed, out var port, out var protocol) ? (port, protocol) : (0, exposed);
}
