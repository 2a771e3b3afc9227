namespace Portal.Core.Iptables;

/// <summary>The <c>[packets:bytes]</c> counters iptables-save prints for a chain, or for a rule with <c>-c</c>.</summary>
public readonly record struct PacketCounters(ulong Packets, ulong Bytes)
{
    public override string ToString() => $"[{Packets}:{Bytes}]";
}
