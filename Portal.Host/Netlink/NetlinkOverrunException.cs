namespace Portal.Host.Netlink;

/// <summary>The kernel dropped notifications (ENOBUFS): whatever was missed must be re-read with a dump.</summary>
public sealed class NetlinkOverrunException() : IOException("netlink receive buffer overrun; events were lost");
