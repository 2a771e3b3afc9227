using System.Text.Json.Serialization;
using Portal.Contracts.Model;

namespace Portal.Contracts.Plans;

/// <summary>
/// An environment variable a change gives to or takes from a container. A copy of a masked variable is masked too
/// (<see cref="Masked"/>, written only when true): plans are computed from the masked state.
/// </summary>
public sealed record PlannedEnvVariable(
    string Container,
    ChangeKind Change,
    string Name,
    string Value,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)] bool Masked = false);
