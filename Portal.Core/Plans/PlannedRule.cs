namespace Portal.Core.Plans;

/// <summary>An iptables rule a change adds or removes, as iptables-save will print it.</summary>
public sealed record PlannedRule(string Table, string Chain, string Change, string Text);
