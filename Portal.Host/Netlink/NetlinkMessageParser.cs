using System.Buffers.Binary;
using System.Net;
using System.Text;

namespace Portal.Host.Netlink;

/// <summary>Decodes rtnetlink replies (host byte order, 4-byte aligned attributes) without I/O.</summary>
public static class NetlinkMessageParser
{
    /// <summary>One message of a receive buffer: its type, its payload (after the header) and whether it ended a dump.</summary>
    public readonly record struct Message(ushort Type, int Sequence, ReadOnlyMemory<byte> Payload);

    public static IEnumerable<Message> Messages(ReadOnlyMemory<byte> buffer)
    {
        var offset = 0;
        while (offset + NetlinkConstants.HeaderSize <= buffer.Length)
        {
            var span = buffer.Span[offset..];
            var length = (int)BinaryPrimitives.ReadUInt32LittleEndian(span);
            if (length < NetlinkConstants.HeaderSize || offset + length > buffer.Length)
            {
                yield break;
            }

            var type = BinaryPrimitives.ReadUInt16LittleEndian(span[4..]);
            var sequence = (int)BinaryPrimitives.ReadUInt32LittleEndian(span[8..]);
            yield return new Message(type, sequence, buffer.Slice(offset + NetlinkConstants.HeaderSize, length - NetlinkConstants.HeaderSize));
            offset += NetlinkConstants.Align(length);
        }
    }

    /// <summary>The errno of an NLMSG_ERROR payload (0 is an acknowledgement).</summary>
    public static int Error(ReadOnlySpan<byte> payload) =>
        payload.Length >= 4 ? -BinaryPrimitives.ReadInt32LittleEndian(payload) : 0;

    public static KernelLink ParseLink(ReadOnlySpan<byte> payload)
    {
        var index = BinaryPrimitives.ReadInt32LittleEndian(payload[4..]);
        string name = string.Empty;
        string? kind = null;
        string? mac = null;
        int? master = null, link = null, netnsId = null, mtu = null;
        foreach (var (type, value) in Attributes(payload[NetlinkConstants.IfinfomsgSize..].ToArray()))
        {
            switch (type)
            {
                case NetlinkConstants.IflaIfname:
                    name = CString(value.Span);
                    break;
                case NetlinkConstants.IflaMaster:
                    master = BinaryPrimitives.ReadInt32LittleEndian(value.Span);
                    break;
                case NetlinkConstants.IflaLink:
                    link = BinaryPrimitives.ReadInt32LittleEndian(value.Span);
                    break;
                case NetlinkConstants.IflaLinkNetnsid:
                    netnsId = BinaryPrimitives.ReadInt32LittleEndian(value.Span);
                    break;
                case NetlinkConstants.IflaMtu:
                    mtu = BinaryPrimitives.ReadInt32LittleEndian(value.Span);
                    break;
                case NetlinkConstants.IflaAddress:
                    mac = string.Join(':', value.ToArray().Select(b => b.ToString("x2")));
                    break;
                case NetlinkConstants.IflaLinkinfo:
                    foreach (var (infoType, infoValue) in Attributes(value))
                    {
                        if (infoType == NetlinkConstants.IflaInfoKind)
                        {
                            kind = CString(infoValue.Span);
                        }
                    }

                    break;
            }
        }

        return new KernelLink(index, name, kind, master, link, netnsId, mtu, mac);
    }

    public static KernelAddress? ParseAddress(ReadOnlySpan<byte> payload)
    {
        const byte afInet = 2;
        if (payload[0] != afInet)
        {
            return null;
        }

        var prefix = payload[1];
        var index = (int)BinaryPrimitives.ReadUInt32LittleEndian(payload[4..]);
        string? address = null;
        byte protocol = 0;
        foreach (var (type, value) in Attributes(payload[NetlinkConstants.IfaddrmsgSize..].ToArray()))
        {
            if (type == NetlinkConstants.IfaProto && value.Length >= 1)
            {
                protocol = value.Span[0];
            }

            // IFA_LOCAL is the interface's own address; IFA_ADDRESS is the peer on point-to-point links.
            if (type == NetlinkConstants.IfaLocal || (type == NetlinkConstants.IfaAddress && address is null))
            {
                address = new IPAddress(value.Span).ToString();
            }
        }

        return address is null ? null : new KernelAddress(index, address, prefix, protocol);
    }

    public static IEnumerable<(ushort Type, ReadOnlyMemory<byte> Value)> Attributes(ReadOnlyMemory<byte> data)
    {
        var offset = 0;
        while (offset + 4 <= data.Length)
        {
            var length = BinaryPrimitives.ReadUInt16LittleEndian(data.Span[offset..]);
            var type = (ushort)(BinaryPrimitives.ReadUInt16LittleEndian(data.Span[(offset + 2)..]) & NetlinkConstants.AttributeTypeMask);
            if (length < 4 || offset + length > data.Length)
            {
                yield break;
            }

            yield return (type, data.Slice(offset + 4, length - 4));
            offset += NetlinkConstants.Align(length);
        }
    }

    private static string CString(ReadOnlySpan<byte> value)
    {
        var end = value.IndexOf((byte)0);
        return Encoding.UTF8.GetString(end < 0 ? value : value[..end]);
    }
}
