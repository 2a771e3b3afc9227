using Portal.Contracts.Api;
using Portal.Core.Plans;

namespace Portal.Server.Changes;

/// <summary>
/// How a change ended, as an HTTP status: 200 with the response; a plan problem (400/404/409, nothing touched);
/// 503 with the agent offline; or the agent's refusal (400/404/409 from its own checks, 502 from Docker or iptables).
/// </summary>
public sealed record ChangeOutcome(int Status, ChangeResponse? Response, PlanProblem? Problem, string? Error)
{
    public static ChangeOutcome Ok(ChangeResponse response) => new(200, response, null, null);

    public static ChangeOutcome Refused(PlanProblem problem) => new(problem.Status, null, problem, null);

    public static ChangeOutcome Offline(string host) => new(503, null, null, $"agent for host '{host}' is offline");

    public static ChangeOutcome Failed(ExecutionResult result) => new(result.Status, null, null, result.Error);
}
