using Portal.Contracts.Commands;
using Portal.Contracts.Intents;
using Portal.Contracts.Model;
using Portal.Contracts.Plans;
using Portal.Contracts.PortalRules;
using Portal.Core.Links;
using Portal.Core.PortalRules;
using Portal.Core.Validation;

namespace Portal.Core.Plans;

/// <summary>
/// Plans a link. On the default bridge a legacy link needs the source recreated (Docker cannot add one to an existing
/// container); on a shared user-defined network the source is reconnected with the link (DNS only, no env, no hosts line).
/// </summary>
public static class LinkPlanner
{
    public static PlannedChange Plan(LinkRequest request, HostState state, PortalChainChange portal)
    {
        var errors = new ValidationErrors();
        if (!Names.IsContainerName(request.Source))
        {
            errors.Add("source", "a container name is required ([a-zA-Z0-9][a-zA-Z0-9_.-]+)");
        }

        if (!Names.IsContainerName(request.Target))
        {
            errors.Add("target", "a container name is required ([a-zA-Z0-9][a-zA-Z0-9_.-]+)");
        }

        var alias = string.IsNullOrEmpty(request.Alias) ? request.Target : request.Alias;
        if (!Names.IsDnsLabel(alias))
        {
            errors.Add("alias", "an alias must be a DNS label: 1-63 letters, digits or '-', not starting or ending with '-'");
        }

        if (errors.IsEmpty && request.Source == request.Target)
        {
            errors.Add("target", "a container cannot link to itself");
        }

        if (!errors.IsEmpty)
        {
            return PlannedChange.Refused(PlanProblem.Invalid(errors));
        }

        var source = state.Container(request.Source!);
        if (source is null)
        {
            return PlannedChange.Refused(PlanProblem.NotFound($"container '{request.Source}' not found on host '{state.Host}'"));
        }

        var target = state.Container(request.Target!);
        if (target is null)
        {
            return PlannedChange.Refused(PlanProblem.NotFound($"container '{request.Target}' not found on host '{state.Host}'"));
        }

        if (source.Links.Any(l => l.Alias == alias))
        {
            return PlannedChange.Refused(PlanProblem.Conflict($"'{source.Name}' already has a link with alias '{alias}'"));
        }

        var link = new LinkSpec(target.Name, alias!);
        var sourceOnDefault = HostState.Endpoint(source, HostState.DefaultNetwork);
        var targetOnDefault = HostState.Endpoint(target, HostState.DefaultNetwork);
        if (sourceOnDefault is not null && targetOnDefault is not null)
        {
            return LegacyLink(state, source, target, link, sourceOnDefault, targetOnDefault, portal);
        }

        var shared = source.Endpoints
            .Where(e => e.Network != HostState.DefaultNetwork && HostState.Endpoint(target, e.Network) is not null)
            .OrderBy(e => e.Network, StringComparer.Ordinal)
            .FirstOrDefault();
        if (shared is null)
        {
            return PlannedChange.Refused(PlanProblem.Conflict(
                $"'{source.Name}' and '{target.Name}' share no network: connect them to one first"));
        }

        var plan = new Plan(
            $"link {source.Name} -> {target.Name} as {alias} on network {shared.Network}",
            [
                new PlanStep(1, $"disconnect {source.Name} from {shared.Network}"),
                new PlanStep(2, $"reconnect {source.Name} to {shared.Network} with its aliases, address and the link {target.Name}:{alias}"),
            ],
            [],
            [],
            portal.PlannedRules(),
            [],
            $"{source.Name} is off {shared.Network} for a moment while it is reconnected; its process keeps running");
        var connect = new ConnectCommand(shared.Network, source.Name, null, shared.StaticIpv4, [link]);
        return portal.Command() is { } rewrite ? PlannedChange.Of(plan, connect, rewrite) : PlannedChange.Of(plan, connect);
    }

    private static PlannedChange LegacyLink(
        HostState state,
        Container source,
        Container target,
        LinkSpec link,
        Endpoint sourceEndpoint,
        Endpoint targetEndpoint,
        PortalChainChange portal)
    {
        var bridge = state.Network(HostState.DefaultNetwork);
        var hosts = new List<PlannedHostsLine>();
        var env = new List<PlannedEnvVariable>();
        var rules = new List<PlannedRule>();
        if (targetEndpoint.Ipv4 is { } targetIp)
        {
            var line = LinkHosts.Line(link.Alias, targetIp, target.Hostname, target.Name);
            hosts.Add(new PlannedHostsLine(source.Name, ChangeKind.Added, line.Address, line.Names));
            env.AddRange(PlannedLinkEnvironment.For(source.Name, ChangeKind.Added, link.Alias, targetIp, target));

            // Docker writes its own ACCEPT pairs only when the daemon's ICC is off (they would be redundant otherwise).
            if (bridge is { Icc: false } && sourceEndpoint.Ipv4 is { } sourceIp)
            {
                foreach (var exposed in target.Exposed)
                {
                    if (Ports.TryParse(exposed, out var port, out var protocol))
                    {
                        rules.AddRange(PlannedDockerRules.LinkPair(bridge.Name, sourceIp, targetIp, port, protocol, ChangeKind.Added));
                    }
                }
            }
        }

        rules.AddRange(portal.PlannedRules());
        var running = state.IsRunning(source);
        var steps = new List<PlanStep>
        {
            new(1, $"read {source.Name}'s full configuration (image, command, env, labels, mounts, restart policy, ports, networks, hostname)"),
            new(2, $"stop {source.Name} and rename it aside"),
            new(3, $"create {source.Name} again with the same configuration and the link {target.Name}:{link.Alias}"),
            new(4, running ? $"start {source.Name}" : $"leave {source.Name} stopped, as it was"),
            new(5, $"remove the old {source.Name} (on any failure: remove the new one and restore the old one)"),
        };
        if (portal.Rewrites)
        {
            steps.Add(new PlanStep(steps.Count + 1, $"rewrite the portal chain {PortalRuleSet.Chain} in one iptables-restore"));
        }

        var plan = new Plan(
            $"link {source.Name} -> {target.Name} as {link.Alias} (legacy link on the default bridge)",
            steps,
            hosts,
            env,
            rules,
            [source.Name],
            running
                ? $"{source.Name} is recreated: its process restarts (about a second without it)"
                : $"none: {source.Name} is not running");
        var recreate = new RecreateContainerCommand(source.Name, [link], [], [], []);
        return portal.Command() is { } rewrite ? PlannedChange.Of(plan, recreate, rewrite) : PlannedChange.Of(plan, recreate);
    }
}
