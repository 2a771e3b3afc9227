namespace Portal.Contracts.Model;

/// <summary>
/// The packets and bytes one rule has matched since it was added (or its counters zeroed), as <c>iptables-save -c</c>
/// printed them. The rule is named by family, table, chain, 1-based index and exact text (<see cref="Rule"/>'s
/// fields), so a count never lands on a rule that merely took another's place. <c>GET /api/hosts/{host}/counters</c>
/// answers a list of these; the agent sends them in a <see cref="RuleCounterBatch"/>.
/// </summary>
public sealed record RuleCounter(string Table, string Chain, int Index, string Text, bool Ipv6, long Packets, long Bytes);
