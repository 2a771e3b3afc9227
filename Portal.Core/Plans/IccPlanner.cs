using Portal.Contracts.Commands;
using Portal.Contracts.Intents;
using Portal.Contracts.Plans;
using Portal.Contracts.PortalRules;
using Portal.Core.PortalRules;
using Portal.Core.Validation;

namespace Portal.Core.Plans;

/// <summary>
/// Plans switching inter-container traffic on one bridge, live: only the portal's chain changes, no daemon or
/// container restarts. The chain before and after is derived from all intents (<see cref="PortalChainChange"/>).
/// </summary>
public static class IccPlanner
{
    public static PlannedChange Plan(string? networkName, IccRequest request, HostState state, PortalChainChange portal)
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
            [new PlanStep(1, $"rewrite the portal chain {PortalRuleSet.Chain} in one iptables-restore --noflush" + (portal.JumpPresent ? string.Empty : " and jump to it from DOCKER-USER"))],
            [],
            [],
            portal.PlannedRules(write: true),
            [],
            on
                ? "none: containers keep running"
                : $"none: containers keep running; new traffic between unlinked containers on {bridge.Network} is dropped");
        return PlannedChange.Of(plan, portal.Command(write: true)!);
    }
}
