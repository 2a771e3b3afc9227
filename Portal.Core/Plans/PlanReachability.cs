using Portal.Contracts.Model;
using Portal.Contracts.Plans;
using Portal.Core.Reachability;

namespace Portal.Core.Plans;

/// <summary>
/// Explains any plan in terms of reachability: the host before, and after (the predicted state, if the change moves
/// containers or ports, with the plan's rules applied), walked pair by pair where the change can matter
/// (<see cref="ReachabilityDiff"/>). It reads only the plan's rules, so every planner gets it the same way.
/// </summary>
public static class PlanReachability
{
    extension(Plan plan)
    {
        /// <param name="before">The host as observed.</param>
        /// <param name="predicted">The host's containers and networks as the change leaves them (its rules are replaced by the plan's); null when the change moves none.</param>
        /// <param name="beforeModel">The model of <paramref name="before"/>, when one is at hand (the server keeps one per snapshot).</param>
        public Plan WithReachability(HostSnapshot before, HostSnapshot? predicted = null, ReachabilityModel? beforeModel = null, int limit = ReachabilityDiff.DefaultLimit)
        {
            ArgumentNullException.ThrowIfNull(before);
            var after = (predicted ?? before) with { Rules = before.Rules };
            after = after.WithPlannedRules(plan.Rules);
            var result = ReachabilityDiff.Between(beforeModel ?? ReachabilityModel.From(before), ReachabilityModel.From(after), plan.Rules, limit);
            return plan with { Reachability = result.Pairs, ReachabilityOmitted = result.Omitted };
        }
    }
}
