namespace Portal.Host.Netlink;

/// <summary>
/// An IPv4 address of an interface (RTM_GETADDR): the interface index, the address, its prefix length and its address
/// protocol (IFA_PROTO, kernel 6.1 and later; 0 when unset), which marks the addresses the agent added.
/// </summary>
public sealed record KernelAddress(int Index, string Address, int PrefixLength, byte Protocol = 0);
