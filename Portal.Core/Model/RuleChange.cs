namespace Portal.Core.Model;

/// <summary>
/// One rule added to or removed from a chain, as the agent observed it, with the cause it attributed.
/// <see cref="Change"/> is "added" or "removed".
/// </summary>
public sealed record RuleChange(
    DateTimeOffset At,
    string Table,
    string Chain,
    string Change,
    string Text,
    RuleOwner Owner,
    ChangeCause Cause);
