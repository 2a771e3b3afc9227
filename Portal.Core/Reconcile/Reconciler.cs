using Portal.Contracts.Commands;
using Portal.Contracts.Intents;
using Portal.Contracts.Model;
using Portal.Contracts.Plans;
using Portal.Contracts.PortalRules;
using Portal.Core.Addresses;
using Portal.Core.Plans;
using Portal.Core.PortalRules;

namespace Portal.Core.Reconcile;

/// <summary>
/// Compares a host's intents with what its agent observed and says what has drifted and how to repair it: a link or
/// port lost when a container was recreated outside the portal, a connection or network gone, the portal chain flushed
/// or edited by someone, container addresses that moved (the chain follows them), and Docker's own stale link rules.
/// </summary>
public static class Reconciler
{
    public static Reconciliation Evaluate(IReadOnlyList<StoredIntent> intents, HostSnapshot snapshot)
    {
        var state = new HostState(snapshot);
        var specs = intents.Select(i => i.Spec).ToList();
        var desired = PortalChain.Derive(specs, snapshot);
        var (observedChain, jumpPresent) = PortalChain.Observed(snapshot);
        var stale = snapshot.Rules
            .Where(r => r.Table == "filter" && r.Chain == "DOCKER" && r.Owner is { Kind: RuleOwnerKind.Link, Role: "stale" })
            .Select(r => r.Text)
            .ToList();
        var needed = PortalChain.IsNeeded(specs) || stale.Count > 0 || observedChain.Count > 0;
        var chainDrifted = needed && (!jumpPresent || !observedChain.SequenceEqual(desired.RuleTexts(), StringComparer.Ordinal));

        var repairs = new List<AgentCommand>();
        if (stale.Count > 0)
        {
            repairs.Add(new RemoveStaleRulesCommand(stale));
        }

        if (chainDrifted)
        {
            repairs.Add(new ApplyPortalRulesCommand(desired));
        }

        // Public addresses follow their containers: a new container address, a flushed chain or a lost address is drift.
        var addresses = PortalAddresses.Derive(specs, snapshot);
        var addressDrift = PortalAddresses.Drift(addresses, snapshot);
        if (addressDrift is not null)
        {
            repairs.Add(new ApplyAddressesCommand(addresses));
        }

        // An intent's repair leaves the intents as they are: the chain it plans is the whole desired one, never a part.
        var portal = PortalChainChange.Unchanged(specs, snapshot);
        var verdicts = intents.Select(i => Judge(i, state, portal, chainDrifted, addressDrift)).ToList();
        return new Reconciliation(verdicts, desired, chainDrifted, stale, repairs);
    }

    private static IntentVerdict Judge(StoredIntent intent, HostState state, PortalChainChange portal, bool chainDrifted, string? addressDrift) => intent.Spec switch
    {
        AddressIntent address => state.Container(address.Container) is null
            ? Drifted(intent.Id, $"container '{address.Container}' is gone")
            : addressDrift is not null
                ? Drifted(intent.Id, $"{addressDrift}; rewriting the public addresses")
                : Applied(intent.Id),
        LinkIntent link => JudgeLink(intent.Id, link, state, portal),
        PortIntent port => JudgePort(intent.Id, port, state),
        NetworkIntent network => JudgeNetwork(intent.Id, network, state),
        ConnectionIntent connection => JudgeConnection(intent.Id, connection, state),
        IccIntent icc => state.Network(icc.Network) is null
            ? Drifted(intent.Id, $"network '{icc.Network}' is gone")
            : chainDrifted
                ? new IntentVerdict(intent.Id, IntentStatus.Drifted, $"the portal chain {PortalRuleSet.Chain} was changed outside the portal; rewriting it", null)
                : Applied(intent.Id),
        PolicyIntent policy => state.Network(policy.Network) is null
            ? Drifted(intent.Id, $"network '{policy.Network}' is gone")
            : chainDrifted && policy.Mode != Contracts.Policies.PolicyMode.Off
                ? new IntentVerdict(intent.Id, IntentStatus.Drifted, $"the portal chains {PortalRuleSet.Chain} and {PortalRuleSet.PolicyChain} differ from the policy (changed outside the portal, or containers moved); rewriting them", null)
                : Applied(intent.Id),
        _ => Drifted(intent.Id, "unknown intent kind"),
    };

    private static IntentVerdict JudgeLink(long id, LinkIntent link, HostState state, PortalChainChange portal)
    {
        var source = state.Container(link.Source);
        var target = state.Container(link.Target);
        if (source is null || target is null)
        {
            return Drifted(id, $"container '{(source is null ? link.Source : link.Target)}' is gone");
        }

        var legacy = HostState.Endpoint(source, HostState.DefaultNetwork) is not null && HostState.Endpoint(target, HostState.DefaultNetwork) is not null;
        if (!legacy)
        {
            // Network-scoped links live in the endpoint; the two sharing a user-defined network is what we can observe.
            var shared = source.Endpoints.Any(e => e.Network != HostState.DefaultNetwork && HostState.Endpoint(target, e.Network) is not null);
            return shared ? Applied(id) : Drifted(id, $"'{source.Name}' and '{target.Name}' no longer share a network");
        }

        if (source.Links.Any(l => l.Alias == link.Alias && l.Target == target.Name))
        {
            return Applied(id);
        }

        var repair = LinkPlanner.Plan(new LinkRequest(link.Source, link.Target, link.Alias), state, portal);
        return new IntentVerdict(id, IntentStatus.Drifted, $"'{source.Name}' lost its link to '{target.Name}' (recreated outside the portal?)", repair.Problem is null ? repair : null);
    }

    private static IntentVerdict JudgePort(long id, PortIntent port, HostState state)
    {
        var container = state.Container(port.Container);
        if (container is null)
        {
            return Drifted(id, $"container '{port.Container}' is gone");
        }

        if (container.Ports.Any(p => p.HostPort == port.HostPort && p.Protocol == port.Protocol && p.ContainerPort == port.ContainerPort))
        {
            return Applied(id);
        }

        var repair = PortPlanner.Publish(new PortRequest(port.Container, port.ContainerPort, port.Protocol, port.HostPort, port.HostIp), state);
        return new IntentVerdict(id, IntentStatus.Drifted, $"'{container.Name}' no longer publishes {port.HostPort}/{port.Protocol}", repair.Problem is null ? repair : null);
    }

    private static IntentVerdict JudgeNetwork(long id, NetworkIntent network, HostState state)
    {
        var bridge = state.Network(network.Name);
        if (bridge is null)
        {
            var repair = NetworkPlanner.Create(new NetworkRequest(network.Name, network.Subnet, network.Gateway, network.Icc, network.Masquerade, network.Mtu), state);
            return new IntentVerdict(id, IntentStatus.Drifted, $"network '{network.Name}' is gone", repair.Problem is null ? repair : null);
        }

        if (network.Subnet is not null && bridge.Subnet != network.Subnet)
        {
            return Drifted(id, $"network '{network.Name}' has subnet {bridge.Subnet}, not {network.Subnet}");
        }

        return Applied(id);
    }

    private static IntentVerdict JudgeConnection(long id, ConnectionIntent connection, HostState state)
    {
        var container = state.Container(connection.Container);
        if (container is null || state.Network(connection.Network) is null)
        {
            return Drifted(id, container is null ? $"container '{connection.Container}' is gone" : $"network '{connection.Network}' is gone");
        }

        var endpoint = HostState.Endpoint(container, connection.Network);
        if (endpoint is not null
            && (connection.Alias is null || endpoint.Aliases.Contains(connection.Alias))
            && (connection.Ipv4 is null || endpoint.Ipv4 == connection.Ipv4 || !state.IsRunning(container)))
        {
            return Applied(id);
        }

        if (endpoint is not null)
        {
            return Drifted(id, $"'{container.Name}' is on '{connection.Network}' but without the wanted alias or address");
        }

        var repair = ConnectionPlanner.Connect(connection.Network, new ConnectionRequest(connection.Container, connection.Alias, connection.Ipv4), state);
        return new IntentVerdict(id, IntentStatus.Drifted, $"'{container.Name}' is no longer connected to '{connection.Network}'", repair.Problem is null ? repair : null);
    }

    private static IntentVerdict Applied(long id) => new(id, IntentStatus.Applied, null, null);

    private static IntentVerdict Drifted(long id, string reason) => new(id, IntentStatus.Drifted, reason, null);
}
