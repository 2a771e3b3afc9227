using Portal.Contracts.Commands;
using Portal.Contracts.Plans;

namespace Portal.Core.Plans;

/// <summary>
/// The outcome of planning a request against a host's observed state: either a plan with the commands that carry it
/// out, or the reason nothing can be done (<see cref="Problem"/>), decided before anything is touched.
/// </summary>
public sealed record PlannedChange(Plan? Plan, IReadOnlyList<AgentCommand> Commands, PlanProblem? Problem)
{
    public static PlannedChange Of(Plan plan, params AgentCommand[] commands) => new(plan, commands, null);

    public static PlannedChange Refused(PlanProblem problem) => new(null, [], problem);
}
