using Portal.Core.Validation;

namespace Portal.Core.Plans;

/// <summary>
/// Why a request cannot be planned, as an HTTP status: 400 with the fields named, 404 for a missing container or
/// network, 409 for a conflict with what is there.
/// </summary>
public sealed record PlanProblem(int Status, string Title, IDictionary<string, string[]>? Errors = null)
{
    public static PlanProblem Invalid(ValidationErrors errors) => new(400, "The request is not valid: " + errors, errors.ToDictionary());

    public static PlanProblem NotFound(string what) => new(404, what);

    public static PlanProblem Conflict(string what) => new(409, what);
}
