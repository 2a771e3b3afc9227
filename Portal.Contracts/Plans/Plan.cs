namespace Portal.Contracts.Plans;

/// <summary>
/// What a requested change will do, shown before it is applied: the ordered steps and their predicted effects.
/// </summary>
public sealed record Plan(
    string Summary,
    IReadOnlyList<PlanStep> Steps,
    IReadOnlyList<PlannedHostsLine> HostsLines,
    IReadOnlyList<PlannedEnvVariable> Env,
    IReadOnlyList<PlannedRule> Rules,
    IReadOnlyList<string> Recreated,
    string Interruption);
