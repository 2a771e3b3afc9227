using Microsoft.AspNetCore.Http.HttpResults;
using Portal.Contracts.Api;
using Portal.Server.Api;

namespace Portal.Server.Changes;

/// <summary>A <see cref="ChangeOutcome"/> as the contract's HTTP answer.</summary>
public static class ChangeResults
{
    public static Results<Ok<ChangeResponse>, ValidationProblem, ProblemHttpResult> From(ChangeOutcome outcome)
    {
        if (outcome.Response is { } response)
        {
            return TypedResults.Ok(response);
        }

        if (outcome.Problem is { } problem)
        {
            return problem.Status switch
            {
                400 => TypedResults.ValidationProblem(problem.Errors ?? new Dictionary<string, string[]>(), detail: problem.Title),
                404 => Problems.NotFound(problem.Title),
                _ => Problems.Conflict(problem.Title),
            };
        }

        var title = outcome.Status switch
        {
            503 => "Agent offline",
            502 => "The host refused the change",
            _ => "The agent refused the change",
        };
        return TypedResults.Problem(detail: outcome.Error, statusCode: outcome.Status, title: title);
    }
}
