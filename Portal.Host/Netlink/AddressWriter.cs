using System.Buffers.Binary;
using System.Net;

namespace Portal.Host.Netlink;

/// <summary>
/// Adds and removes IPv4 addresses of this namespace's interfaces over rtnetlink (RTM_NEWADDR, RTM_DELADDR): no <c>ip</c>
/// process, no shell. The agent marks what it adds with an address protocol (IFA_PROTO) so that it, after any restart,
/// removes only those.
/// </summary>
public static class AddressWriter
{
    private const int Eexist = 17;

    /// <summary>Adds <paramref name="address"/>/<paramref name="prefix"/> to the interface; false when it was there already.</summary>
    public static bool Add(NetlinkSocket socket, int index, string address, int prefix, byte protocol)
    {
        var error = socket.Request(NetlinkConstants.RtmNewAddr, NetlinkConstants.NlmFCreate | NetlinkConstants.NlmFExcl, Body(index, address, prefix, protocol));
        return error switch
        {
            0 => true,
            Eexist => false,
            _ => throw new IOException($"adding {address}/{prefix}: errno {error}"),
        };
    }

    /// <summary>Removes <paramref name="address"/>/<paramref name="prefix"/> from the interface.</summary>
    public static void Remove(NetlinkSocket socket, int index, string address, int prefix)
    {
        var error = socket.Request(NetlinkConstants.RtmDelAddr, 0, Body(index, address, prefix, null));
        if (error != 0)
        {
            throw new IOException($"removing {address}/{prefix}: errno {error}");
        }
    }

    private static byte[] Body(int index, string address, int prefix, byte? protocol)
    {
        var bytes = IPAddress.Parse(address).GetAddressBytes();
        var body = new byte[NetlinkConstants.IfaddrmsgSize + 8 + 8 + (protocol is null ? 0 : 8)];
        body[0] = 2; // AF_INET
        body[1] = (byte)prefix;
        BinaryPrimitives.WriteUInt32LittleEndian(body.AsSpan(4), (uint)index);
        var offset = NetlinkConstants.IfaddrmsgSize;
        foreach (var type in new[] { NetlinkConstants.IfaLocal, NetlinkConstants.IfaAddress })
        {
            BinaryPrimitives.WriteUInt16LittleEndian(body.AsSpan(offset), 8);
            BinaryPrimitives.WriteUInt16LittleEndian(body.AsSpan(offset + 2), type);
            bytes.CopyTo(body.AsSpan(offset + 4));
            offset += 8;
        }

        if (protocol is { } value)
        {
            BinaryPrimitives.WriteUInt16LittleEndian(body.AsSpan(offset), 5);
            BinaryPrimitives.WriteUInt16LittleEndian(body.AsSpan(offset + 2), NetlinkConstants.IfaProto);
            body[offset + 4] = value;
        }

        return body;
    }
}
