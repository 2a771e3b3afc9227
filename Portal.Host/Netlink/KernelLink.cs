namespace Portal.Host.Netlink;

/// <summary>
/// A network interface as rtnetlink reports it. <see cref="Link"/> is IFLA_LINK: for a veth, the peer's ifindex
/// (in the namespace named by <see cref="LinkNetnsId"/> when that is set). <see cref="Master"/> is the bridge's ifindex.
/// </summary>
public sealed record KernelLink(int Index, string Name, string? Kind, int? Master, int? Link, int? LinkNetnsId, int? Mtu, string? Mac);
