using System.Text.Json.Serialization;

namespace Portal.Contracts.Model;

/// <summary>
/// An environment variable and where it came from: <see cref="EnvSource"/>. <see cref="Masked"/> (written only when
/// true) says the value is a secret the server replaced by a mask; an operator reveals it with its own request.
/// </summary>
public sealed record EnvVariable(
    string Name,
    string Value,
    string Source,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)] bool Masked = false);
