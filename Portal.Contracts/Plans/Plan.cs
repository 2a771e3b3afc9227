namespace Portal.Contracts.Plans;

/// <summary>
/// What a requested change will do, shown before it is applied: the ordered steps and their predicted effects.
/// <see cref="Reachability"/> lists the pairs that become reachable or unreachable (null when not computed), at most a
/// bounded number of them; <see cref="ReachabilityOmitted"/> says how many more changed beyond those listed.
/// </summary>
public sealed record Plan(
    string Summary,
    IReadOnlyList<PlanStep> Steps,
    IReadOnlyList<PlannedHostsLine> HostsLines,
    IReadOnlyList<PlannedEnvVariable> Env,
    IReadOnlyList<PlannedRule> Rules,
    IReadOnlyList<string> Recreated,
    string Interruption,
    IReadOnlyList<PlannedReachability>? Reachability = null,
    int ReachabilityOmitted = 0);
