namespace Portal.Contracts.Policies;

/// <summary>The kernel's counter of a policy's verdict rule, as the agent last read it (<c>iptables-save -c</c>).</summary>
public sealed record PolicyCount(long Packets, long Bytes);
