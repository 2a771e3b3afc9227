namespace Portal.Contracts.Model;

/// <summary>
/// Why a rule changed: <c>portal</c> (an intent and its user), <c>docker</c> (an engine event: action and
/// container) or <c>external</c> (nobody the portal knows; <see cref="Process"/> when the kernel reported it).
/// </summary>
public sealed record ChangeCause(
    CauseKind Kind,
    string? User = null,
    long? Intent = null,
    string? Action = null,
    string? Container = null,
    string? Process = null)
{
    public static readonly ChangeCause External = new(CauseKind.External);
}
