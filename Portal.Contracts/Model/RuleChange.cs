namespace Portal.Contracts.Model;

/// <summary>
/// One rule added to or removed from a chain, as the agent observed it, with the cause it attributed.
/// <see cref="Change"/> says which; <see cref="Index"/> is the rule's 1-based position in its chain
/// after the change (added) or before it (removed), so history can be replayed into exact chain order.
/// </summary>
public sealed record RuleChange(
    DateTimeOffset At,
    string Table,
    string Chain,
    ChangeKind Change,
    string Text,
    RuleOwner Owner,
    ChangeCause Cause,
    int Index = 0);
