using Portal.Contracts.Intents;
using Portal.Contracts.Plans;
using Portal.Contracts.Policies;
using Portal.Contracts.PortalRules;
using Portal.Core.Policies;
using Portal.Core.PortalRules;
using Portal.Core.Validation;

namespace Portal.Core.Plans;

/// <summary>
/// Plans a network's allow-list policy, live: only the portal's chains change (one iptables-restore), no container
/// restarts. Bad fields are a 400 naming them (<c>mode</c>, <c>allow[2].port</c>), unknown networks and containers a 404.
/// </summary>
public static class PolicyPlanner
{
    public static PlannedChange Plan(string? networkName, PolicyRequest request, HostState state, PortalChainChange portal, IReadOnlyList<IntentSpec> standing)
    {
        var errors = new ValidationErrors();
        if (!Names.IsNetworkName(networkName))
        {
            errors.Add("network", "a network name is required");
        }

        if (!PolicyMode.IsMode(request.Mode))
        {
            errors.Add("mode", $"one of {string.Join(", ", PolicyMode.All)} is required");
        }

        var allow = request.Allow ?? [];
        for (var i = 0; i < allow.Count; i++)
        {
            var entry = allow[i];
            if (entry is null)
            {
                errors.Add($"allow[{i}]", "an entry is required");
                continue;
            }

            if (entry.Source == PolicySource.Link)
            {
                continue;
            }

            if (entry.Source is not (null or PolicySource.Policy))
            {
                errors.Add($"allow[{i}].source", $"'{entry.Source}' is not a source (policy or link)");
            }

            if (!Names.IsContainerName(entry.From))
            {
                errors.Add($"allow[{i}].from", "a container name is required");
            }

            if (!Names.IsContainerName(entry.To))
            {
                errors.Add($"allow[{i}].to", "a container name is required");
            }

            if (entry.Port is not { } port || !Ports.IsPort(port))
            {
                errors.Add($"allow[{i}].port", "a port from 1 to 65535 is required");
            }

            if (entry.Proto is not null && !Ports.IsProtocol(entry.Proto))
            {
                errors.Add($"allow[{i}].proto", $"'{entry.Proto}' is not a protocol (tcp, udp or sctp)");
            }
        }

        if (!errors.IsEmpty)
        {
            return PlannedChange.Refused(PlanProblem.Invalid(errors));
        }

        var bridge = state.Network(networkName!);
        if (bridge is null)
        {
            return PlannedChange.Refused(PlanProblem.NotFound($"network '{networkName}' not found on host '{state.Host}'"));
        }

        for (var i = 0; i < allow.Count; i++)
        {
            if (allow[i].Source == PolicySource.Link)
            {
                continue;
            }

            foreach (var (field, name) in new[] { ("from", allow[i].From!), ("to", allow[i].To!) })
            {
                var container = state.Container(name);
                if (container is null)
                {
                    return PlannedChange.Refused(PlanProblem.NotFound($"container '{name}' (allow[{i}].{field}) not found on host '{state.Host}'"));
                }

                if (HostState.Endpoint(container, bridge.Network) is null)
                {
                    errors.Add($"allow[{i}].{field}", $"'{container.Name}' is not on network '{bridge.Network}'");
                }
            }
        }

        if (!errors.IsEmpty)
        {
            return PlannedChange.Refused(PlanProblem.Invalid(errors));
        }

        var intent = Intent(networkName!, request, state)!;
        var links = PolicyAllowList.FromLinks(bridge.Network, standing, state.Snapshot).Count;
        // A first policy on a host without the jump writes it even when the chain's rules stay the same.
        var write = !portal.JumpPresent && PortalChain.IsNeeded([intent]);
        var plan = new Plan(
            $"policy {intent.Mode} for {bridge.Network} ({bridge.Name}): {intent.Allow.Count} allow {(intent.Allow.Count == 1 ? "entry" : "entries")}"
                + (links > 0 ? $" and {links} from links" : string.Empty),
            portal.Rewrites || write
                ? [new PlanStep(1, $"rewrite the portal chains {PortalRuleSet.Chain} and {PortalRuleSet.PolicyChain} in one iptables-restore --noflush"
                    + (portal.JumpPresent ? string.Empty : " and jump to it from DOCKER-USER"))]
                : [new PlanStep(1, "keep the portal chains as they are (the policy already holds)")],
            [],
            [],
            portal.PlannedRules(write),
            [],
            intent.Mode switch
            {
                PolicyMode.Enforce => $"none: containers keep running; new connections between containers on {bridge.Network} that no entry allows are dropped",
                PolicyMode.Monitor => $"none: nothing is dropped; connections on {bridge.Network} that no entry allows are counted",
                _ => $"none: traffic on {bridge.Network} is decided by ICC and links again",
            });
        return portal.Command(write) is { } command
            ? PlannedChange.Of(plan, command)
            : PlannedChange.Of(plan);
    }

    /// <summary>
    /// The intent a valid request keeps: the network's and containers' canonical names, the protocol written out (tcp by
    /// default), link-derived entries handed back left out (they are derived anew), each entry once. Null when the
    /// request names no mode; never throws on a bad request (the planner refuses it).
    /// </summary>
    public static PolicyIntent? Intent(string network, PolicyRequest request, HostState state)
    {
        if (request.Mode is not { } mode)
        {
            return null;
        }

        var allow = (request.Allow ?? [])
            .Where(a => a is not null && a.Source != PolicySource.Link)
            .Select(a => new PolicyAllow(
                a.From is null ? null : state.Container(a.From)?.Name ?? a.From,
                a.To is null ? null : state.Container(a.To)?.Name ?? a.To,
                a.Port,
                string.IsNullOrEmpty(a.Proto) ? "tcp" : a.Proto))
            .Distinct()
            .ToList();
        return new PolicyIntent(state.Network(network)?.Network ?? network, mode, allow);
    }
}
