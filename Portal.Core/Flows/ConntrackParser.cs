using System.Buffers.Binary;
using System.Net;

namespace Portal.Core.Flows;

/// <summary>
/// Decodes ctnetlink event datagrams (NETLINK_NETFILTER, subsystem CTNETLINK): netlink headers in host byte order, an
/// nfgenmsg, then attributes whose tuples hold the addresses and, in network byte order, the ports. Only the original and
/// reply tuples are read; other attributes, other message types and protocols without ports (ICMP) are skipped, and a
/// truncated message ends the datagram without an exception (the kernel never sends one; a bug must not stop the agent).
/// </summary>
public static class ConntrackParser
{
    private const int HeaderSize = 16;
    private const int NfgenmsgSize = 4;
    private const ushort MessageNew = (1 << 8) | 0;
    private const ushort MessageDelete = (1 << 8) | 2;
    private const ushort TupleOrig = 1;
    private const ushort TupleReply = 2;
    private const ushort TupleIp = 1;
    private const ushort TupleProto = 2;
    private const ushort IpV4Src = 1;
    private const ushort IpV6Src = 3;
    private const ushort ProtoNum = 1;
    private const ushort ProtoSrcPort = 2;
    private const ushort TypeMask = 0x3fff;

    /// <summary>The events of one datagram, in order.</summary>
    public static List<ConntrackEvent> Parse(ReadOnlySpan<byte> datagram)
    {
        var events = new List<ConntrackEvent>(1);
        var offset = 0;
        while (offset + HeaderSize <= datagram.Length)
        {
            var length = (int)BinaryPrimitives.ReadUInt32LittleEndian(datagram[offset..]);
            if (length < HeaderSize || offset + length > datagram.Length)
            {
                break;
            }

            var type = BinaryPrimitives.ReadUInt16LittleEndian(datagram[(offset + 4)..]);
            if ((type == MessageNew || type == MessageDelete) && length >= HeaderSize + NfgenmsgSize
                && Read(datagram.Slice(offset + HeaderSize + NfgenmsgSize, length - HeaderSize - NfgenmsgSize), type == MessageNew) is { } parsed)
            {
                events.Add(parsed);
            }

            offset += Align(length);
        }

        return events;
    }

    private static ConntrackEvent? Read(ReadOnlySpan<byte> attributes, bool isNew)
    {
        IPAddress? sender = null;
        IPAddress? receiver = null;
        var receiverPort = -1;
        byte protocol = 0;
        foreach (var (type, start, length) in Attributes(attributes))
        {
            var value = attributes.Slice(start, length);
            if (type == TupleOrig)
            {
                (sender, _, protocol) = Tuple(value);
            }
            else if (type == TupleReply)
            {
                (receiver, receiverPort, _) = Tuple(value);
            }
        }

        var proto = protocol switch
        {
            6 => "tcp",
            17 => "udp",
            132 => "sctp",
            _ => null,
        };
        return proto is null || sender is null || receiver is null || receiverPort < 0
            ? null
            : new ConntrackEvent(isNew, proto, sender, receiver, receiverPort);
    }

    /// <summary>A tuple's source address, source port (-1 when absent) and protocol number.</summary>
    private static (IPAddress? Source, int SourcePort, byte Protocol) Tuple(ReadOnlySpan<byte> tuple)
    {
        IPAddress? source = null;
        var port = -1;
        byte protocol = 0;
        foreach (var (type, start, length) in Attributes(tuple))
        {
            var value = tuple.Slice(start, length);
            if (type == TupleIp)
            {
                foreach (var (ipType, ipStart, ipLength) in Attributes(value))
                {
                    if ((ipType == IpV4Src && ipLength == 4) || (ipType == IpV6Src && ipLength == 16))
                    {
                        source = new IPAddress(value.Slice(ipStart, ipLength));
                    }
                }
            }
            else if (type == TupleProto)
            {
                foreach (var (protoType, protoStart, protoLength) in Attributes(value))
                {
                    if (protoType == ProtoNum && protoLength >= 1)
                    {
                        protocol = value[protoStart];
                    }
                    else if (protoType == ProtoSrcPort && protoLength >= 2)
                    {
                        port = BinaryPrimitives.ReadUInt16BigEndian(value[protoStart..]);
                    }
                }
            }
        }

        return (source, port, protocol);
    }

    /// <summary>The attributes of a block as (type without flag bits, value offset, value length).</summary>
    private static List<(ushort Type, int Start, int Length)> Attributes(ReadOnlySpan<byte> block)
    {
        var list = new List<(ushort, int, int)>(8);
        var offset = 0;
        while (offset + 4 <= block.Length)
        {
            var length = BinaryPrimitives.ReadUInt16LittleEndian(block[offset..]);
            var type = (ushort)(BinaryPrimitives.ReadUInt16LittleEndian(block[(offset + 2)..]) & TypeMask);
            if (length < 4 || offset + length > block.Length)
            {
                break;
            }

            list.Add((type, offset + 4, length - 4));
            offset += Align(length);
        }

        return list;
    }

    private static int Align(int length) => (length + 3) & ~3;
}
