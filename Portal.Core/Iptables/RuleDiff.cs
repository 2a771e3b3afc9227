using Portal.Contracts.Model;

namespace Portal.Core.Iptables;

/// <summary>
/// One rule added to or removed from a chain. <see cref="Change"/> says which; <see cref="Index"/> is the
/// rule's 1-based position in the chain after the change (added) or before it (removed).
/// </summary>
public sealed record RuleDiff(string Table, string Chain, ChangeKind Change, string Text, int Index);
