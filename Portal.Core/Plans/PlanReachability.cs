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
            // A rule with a stand-in (br-<id>, <subnet> of a network Docker has yet to create) names an interface or
            // subnet no packet of today's containers has: it cannot change their pairs, and the walker could not read it.
            var rules = plan.Rules.Where(r => !r.Text.Contains('<', StringComparison.Ordinal)).ToList();
            var after = (predicted ?? before) with { Rules = before.Rules };
            after = after.WithPlannedRules(rules);
            var result = ReachabilityDiff.Between(beforeModel ?? ReachabilityModel.From(before), ReachabilityModel.From(after), rules, limit);
            return plan with { Reachability = result.Pairs, ReachabilityOmitted = result.Omitted };
        }
    }
}
