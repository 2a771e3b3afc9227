using Portal.Contracts.Model;

namespace Portal.Contracts.Plans;

/// <summary>An iptables rule a change adds or removes, as iptables-save will print it.</summary>
public sealed record PlannedRule(string Table, string Chain, ChangeKind Change, string Text);
