namespace Portal.Host.Netlink;

/// <summary>Dumps links and IPv4 addresses over a netlink socket.</summary>
public static class LinkReader
{
    public static IReadOnlyList<KernelLink> Links(NetlinkSocket socket) =>
        socket.Dump(NetlinkConstants.RtmGetLink, NetlinkConstants.IfinfomsgSize)
            .Where(m => m.Type == NetlinkConstants.RtmNewLink)
            .Select(m => NetlinkMessageParser.ParseLink(m.Payload.Span))
            .ToList();

    public static IReadOnlyList<KernelAddress> Addresses(NetlinkSocket socket) =>
        socket.Dump(NetlinkConstants.RtmGetAddr, NetlinkConstants.IfaddrmsgSize)
            .Where(m => m.Type == NetlinkConstants.RtmNewAddr)
            .Select(m => NetlinkMessageParser.ParseAddress(m.Payload.Span))
            .OfType<KernelAddress>()
            .ToList();

    /// <summary>The links of another namespace (e.g. /proc/PID/ns/net of a container).</summary>
    public static async Task<IReadOnlyList<KernelLink>> LinksInAsync(string namespacePath, CancellationToken cancellationToken)
    {
        using var socket = await NetworkNamespace.OpenSocketAsync(namespacePath, cancellationToken);
        return Links(socket);
    }
}
