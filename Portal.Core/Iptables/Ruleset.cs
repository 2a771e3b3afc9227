namespace Portal.Core.Iptables;

// Placeholder; the Core owner defines tables, chains, policies, counters and parsed rules here.
public sealed record Ruleset(IReadOnlyList<string> Tables);
