using Portal.Contracts.Commands;
using Portal.Contracts.Intents;
using Portal.Contracts.Model;
using Portal.Contracts.Plans;
using Portal.Contracts.PortalRules;
using Portal.Core.PortalRules;
using Portal.Core.Validation;

namespace Portal.Core.Plans;

/// <summary>Plans creating and removing bridge networks.</summary>
public static class NetworkPlanner
{
    public static PlannedChange Create(NetworkRequest request, HostState state)
    {
        var errors = new ValidationErrors();
        if (!Names.IsNetworkName(request.Name))
        {
            errors.Add("name", "a network name is required ([a-zA-Z0-9][a-zA-Z0-9_.-]+)");
        }

        Ipv4Cidr subnet = default;
        var hasSubnet = !string.IsNullOrEmpty(request.Subnet);
        if (hasSubnet && !Ipv4Cidr.TryParse(request.Subnet, out subnet))
        {
            errors.Add("subnet", "an IPv4 CIDR with no host bits set, such as 172.30.0.0/24");
        }
        else if (hasSubnet && subnet.PrefixLength > 30)
        {
            errors.Add("subnet", "the subnet must hold at least two addresses besides network and broadcast (/30 or wider)");
        }

        if (!string.IsNullOrEmpty(request.Gateway))
        {
            if (!hasSubnet)
            {
                errors.Add("gateway", "a gateway needs a subnet");
            }
            else if (!Ipv4Cidr.TryParseAddress(request.Gateway, out var gateway) || (errors.IsEmpty && !subnet.ContainsHost(gateway)))
            {
                errors.Add("gateway", $"an IPv4 host address inside {request.Subnet}");
            }
        }

        if (request.Mtu is { } mtu && mtu is < 68 or > 65535)
        {
            errors.Add("mtu", "the MTU is from 68 to 65535");
        }

        if (!errors.IsEmpty)
        {
            return PlannedChange.Refused(PlanProblem.Invalid(errors));
        }

        if (state.Network(request.Name!) is not null)
        {
            return PlannedChange.Refused(PlanProblem.Conflict($"network '{request.Name}' already exists on host '{state.Host}'"));
        }

        if (hasSubnet)
        {
            foreach (var bridge in state.Snapshot.Bridges)
            {
                if (Ipv4Cidr.TryParse(bridge.Subnet, out var existing) && existing.Overlaps(subnet))
                {
                    return PlannedChange.Refused(PlanProblem.Conflict($"subnet {request.Subnet} overlaps {bridge.Subnet} of network '{bridge.Network}'"));
                }
            }
        }

        var icc = request.Icc ?? true;
        var masquerade = request.Masquerade ?? true;
        var rules = PlannedDockerRules.BridgeNetwork("br-<id>", hasSubnet ? subnet.ToString() : "<subnet>", icc, masquerade, ChangeKind.Added);

        var plan = new Plan(
            $"create bridge network {request.Name}" + (hasSubnet ? $" {subnet}" : string.Empty),
            [new PlanStep(1, $"create network {request.Name} (driver bridge, ICC {(icc ? "on" : "off")}, masquerade {(masquerade ? "on" : "off")})")],
            [],
            [],
            rules,
            [],
            "none");
        return PlannedChange.Of(plan, new CreateNetworkCommand(request.Name!, hasSubnet ? subnet.ToString() : null,
            string.IsNullOrEmpty(request.Gateway) ? null : request.Gateway, icc, masquerade, request.Mtu));
    }

    /// <summary>
    /// Removes the network and, when the portal chain held rules for its bridge (an ICC choice that ends with it), rewrites
    /// the chain first in the same plan, so that no rule outlives its bridge (a failed removal puts the chain back).
    /// </summary>
    public static PlannedChange Remove(string? name, HostState state, PortalChainChange portal)
    {
        if (!Names.IsNetworkName(name))
        {
            var errors = new ValidationErrors();
            errors.Add("name", "a network name is required");
            return PlannedChange.Refused(PlanProblem.Invalid(errors));
        }

        var bridge = state.Network(name!);
        if (bridge is null)
        {
            return PlannedChange.Refused(PlanProblem.NotFound($"network '{name}' not found on host '{state.Host}'"));
        }

        if (bridge.Network is "bridge" or "host" or "none")
        {
            return PlannedChange.Refused(PlanProblem.Conflict($"'{bridge.Network}' is a network Docker itself keeps; it cannot be removed"));
        }

        var attached = state.Snapshot.Containers.Where(c => HostState.Endpoint(c, bridge.Network) is not null).Select(c => c.Name).ToList();
        if (attached.Count > 0)
        {
            return PlannedChange.Refused(PlanProblem.Conflict($"network '{bridge.Network}' still has containers: {string.Join(", ", attached)}"));
        }

        var rewrite = portal.Command();
        List<PlanStep> steps = rewrite is not null
            ? [new PlanStep(1, $"rewrite the portal chain {PortalRuleSet.Chain} without {bridge.Name} in one iptables-restore --noflush"), new PlanStep(2, $"remove network {bridge.Network}")]
            : [new PlanStep(1, $"remove network {bridge.Network}")];
        var plan = new Plan(
            $"remove bridge network {bridge.Network} ({bridge.Name})",
            steps,
            [],
            [],
            portal.PlannedRules(),
            [],
            "none");
        return rewrite is not null
            ? PlannedChange.Of(plan, rewrite, new RemoveNetworkCommand(bridge.Network))
            : PlannedChange.Of(plan, new RemoveNetworkCommand(bridge.Network));
    }
}
