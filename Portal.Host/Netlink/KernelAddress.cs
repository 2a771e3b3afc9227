namespace Portal.Host.Netlink;

/// <summary>An IPv4 address of an interface (RTM_GETADDR): the interface index, the address and its prefix length.</summary>
public sealed record KernelAddress(int Index, string Address, int PrefixLength);
