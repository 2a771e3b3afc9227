using Portal.Contracts.Model;

namespace Portal.Core.Secrets;

/// <summary>A container with its secret values replaced by the mask, and those values by variable name.</summary>
/// <param name="Secrets">The real values that were masked (variables the agent withheld have none).</param>
public sealed record MaskedContainer(Container Container, IReadOnlyDictionary<string, string> Secrets);
