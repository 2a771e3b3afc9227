using Portal.Contracts.Commands;
using Portal.Contracts.Model;
using Portal.Contracts.Plans;
using Portal.Core.Links;
using Portal.Core.PortalRules;
using Portal.Core.Validation;

namespace Portal.Core.Plans;

/// <summary>Plans removing a legacy link: the source is recreated without it, everything else preserved.</summary>
public static class UnlinkPlanner
{
    public static PlannedChange Plan(string? sourceName, string? alias, HostState state, PortalChainChange portal)
    {
        var errors = new ValidationErrors();
        if (!Names.IsContainerName(sourceName))
        {
            errors.Add("source", "a container name is required");
        }

        if (!Names.IsDnsLabel(alias))
        {
            errors.Add("alias", "an alias must be a DNS label");
        }

        if (!errors.IsEmpty)
        {
            return PlannedChange.Refused(PlanProblem.Invalid(errors));
        }

        var source = state.Container(sourceName!);
        if (source is null)
        {
            return PlannedChange.Refused(PlanProblem.NotFound($"container '{sourceName}' not found on host '{state.Host}'"));
        }

        var link = source.Links.FirstOrDefault(l => l.Alias == alias);
        if (link is null)
        {
            return PlannedChange.Refused(PlanProblem.NotFound($"'{source.Name}' has no link with alias '{alias}'"));
        }

        var hosts = new List<PlannedHostsLine>();
        var env = new List<PlannedEnvVariable>();
        var rules = new List<PlannedRule>();
        var target = state.Container(link.Target);
        var bridge = state.Network(HostState.DefaultNetwork);
        if (target is not null && HostState.Endpoint(target, HostState.DefaultNetwork)?.Ipv4 is { } targetIp)
        {
            var line = LinkHosts.Line(link.Alias, targetIp, target.Hostname, target.Name);
            hosts.Add(new PlannedHostsLine(source.Name, ChangeKind.Removed, line.Address, line.Names));
            env.AddRange(PlannedLinkEnvironment.For(source.Name, ChangeKind.Removed, link.Alias, targetIp, target));
            if (bridge is { Icc: false } && HostState.Endpoint(source, HostState.DefaultNetwork)?.Ipv4 is { } sourceIp)
            {
                foreach (var exposed in target.Exposed)
                {
                    if (Ports.TryParse(exposed, out var port, out var protocol))
                    {
                        rules.AddRange(PlannedDockerRules.LinkPair(bridge.Name, sourceIp, targetIp, port, protocol, ChangeKind.Removed));
                    }
                }
            }
        }

        rules.AddRange(portal.PlannedRules());
        var plan = new Plan(
            $"unlink {source.Name} -> {link.Target} ({link.Alias})",
            [
                new PlanStep(1, $"stop {source.Name} and rename it aside"),
                new PlanStep(2, $"create {source.Name} again without the link {link.Target}:{link.Alias}"),
                new PlanStep(3, state.IsRunning(source) ? $"start {source.Name}, then remove the old one" : $"remove the old {source.Name}"),
            ],
            hosts,
            env,
            rules,
            [source.Name],
            state.IsRunning(source) ? $"{source.Name} is recreated: its process restarts" : $"none: {source.Name} is not running");
        var recreate = new RecreateContainerCommand(source.Name, [], [link.Alias], [], []);
        return portal.Command() is { } rewrite ? PlannedChange.Of(plan, recreate, rewrite) : PlannedChange.Of(plan, recreate);
    }
}
