using Portal.Core.Commands;
using Portal.Core.Intents;
using Portal.Core.PortalRules;
using Portal.Core.Validation;

namespace Portal.Core.Plans;

/// <summary>
/// Plans switching inter-container traffic on one bridge, live: only the portal's chain changes, no daemon or
/// container restarts. The caller computes the chain before and after from all intents.
/// </summary>
public static class IccPlanner
{
    public static PlannedChange Plan(string? networkName, IccRequest request, HostState state, PortalRuleSet before, PortalRuleSet after, bool jumpPresent)
    {
        var errors = new ValidationErrors();
        if (!Names.IsNetworkName(networkName))
        {
            errors.Add("network", "a network name is required");
        }

        if (request.Enabled is null)
        {
            errors.Add("enabled", "true or false is required");
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

        var on = request.Enabled!.Value;
        var plan = new Plan(
            $"ICC {(on ? "on" : "off")} for {bridge.Network} ({bridge.Name})",
            [new PlanStep(1, $"rewrite the portal chain {PortalRuleSet.Chain} in one iptables-restore --noflush" + (jumpPresent ? string.Empty : " and jump to it from DOCKER-USER"))],
            [],
            [],
            PortalRulesDiff.Diff(before, after, jumpPresent),
            [],
            on
                ? "none: containers keep running"
                : $"none: containers keep running; new traffic between unlinked containers on {bridge.Network} is dropped");
        return PlannedChange.Of(plan, new ApplyPortalRulesCommand(after));
    }
}
