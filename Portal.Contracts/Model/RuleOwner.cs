namespace Portal.Contracts.Model;

/// <summary>
/// Whose rule it is. <see cref="Kind"/> is one of <see cref="RuleOwnerKind"/>; the other fields name the
/// container, network, port or link it belongs to, where that applies.
/// </summary>
public sealed record RuleOwner(
    RuleOwnerKind Kind,
    string? Container = null,
    string? Port = null,
    string? Network = null,
    string? Source = null,
    string? Target = null,
    string? Alias = null,
    string? Role = null)
{
    public static readonly RuleOwner Unknown = new(RuleOwnerKind.Unknown);
}
