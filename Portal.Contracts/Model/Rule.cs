namespace Portal.Contracts.Model;

/// <summary>
/// One iptables rule as observed: <see cref="Text"/> is exactly what iptables-save printed
/// (<c>-A CHAIN ...</c>), <see cref="Index"/> its 1-based position in the chain.
/// </summary>
public sealed record Rule(string Table, string Chain, int Index, string Text, RuleOwner Owner);
