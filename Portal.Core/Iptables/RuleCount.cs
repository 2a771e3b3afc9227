namespace Portal.Core.Iptables;

/// <summary>
/// Which rule a counter belongs to: its family, table, chain, 1-based position and exact text. The text is part of the
/// key so that a rule inserted above another (which shifts every index below it) never hands its neighbour's count on.
/// </summary>
public readonly record struct RuleCountKey(bool Ipv6, string Table, string Chain, int Index, string Text);

/// <summary>One rule's <c>[packets:bytes]</c> as <c>iptables-save -c</c> printed it.</summary>
public readonly record struct RuleCount(RuleCountKey Key, PacketCounters Counters);
