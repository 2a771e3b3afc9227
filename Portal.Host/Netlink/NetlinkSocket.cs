using System.Buffers.Binary;
using System.Runtime.InteropServices;
using Tmds.Linux;
using static Tmds.Linux.LibC;

namespace Portal.Host.Netlink;

/// <summary>
/// A netlink socket (NETLINK_ROUTE unless told another protocol, e.g. NETLINK_NETFILTER for conntrack events). The socket belongs to the network namespace it was created in, whatever thread
/// uses it later: that is how the agent reads a container's namespace (see <see cref="NetworkNamespace"/>).
/// </summary>
public sealed unsafe class NetlinkSocket : IDisposable
{
    [StructLayout(LayoutKind.Sequential)]
    private struct SockaddrNl
    {
        public ushort Family;
        public ushort Pad;
        public uint Pid;
        public uint Groups;
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct Timeval
    {
        public long Seconds;
        public long Microseconds;
    }

    private readonly int _fd;
    private int _sequence;
    private bool _disposed;

    private NetlinkSocket(int fd) => _fd = fd;

    /// <summary>
    /// Opens a socket in the calling thread's namespace, subscribed to <paramref name="groups"/> (0 for none). A
    /// <paramref name="receiveBuffer"/> (bytes) enlarges the kernel's queue for bursts of notifications.
    /// </summary>
    public static NetlinkSocket Open(uint groups = 0, TimeSpan? receiveTimeout = null, int protocol = NetlinkConstants.NetlinkRoute, int receiveBuffer = 0)
    {
        var fd = socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, protocol);
        if (fd < 0)
        {
            throw new IOException($"netlink socket failed: errno {errno}");
        }

        var address = new SockaddrNl { Family = (ushort)AF_NETLINK, Groups = groups };
        if (bind(fd, (sockaddr*)&address, (socklen_t)sizeof(SockaddrNl)) < 0)
        {
            var error = errno;
            close(fd);
            throw new IOException($"netlink bind failed: errno {error}");
        }

        if (receiveTimeout is { } timeout)
        {
            var value = new Timeval { Seconds = (long)timeout.TotalSeconds, Microseconds = timeout.Milliseconds * 1000L };
            setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &value, (socklen_t)sizeof(Timeval));
        }

        if (receiveBuffer > 0)
        {
            // SO_RCVBUFFORCE passes the rmem_max cap with CAP_NET_ADMIN; without it, SO_RCVBUF gets what the cap allows.
            var size = receiveBuffer;
            if (setsockopt(fd, SOL_SOCKET, SO_RCVBUFFORCE, &size, sizeof(int)) < 0)
            {
                setsockopt(fd, SOL_SOCKET, SO_RCVBUF, &size, sizeof(int));
            }
        }

        return new NetlinkSocket(fd);
    }

    /// <summary>Sends a dump request (RTM_GETLINK or RTM_GETADDR) and collects every reply message until NLMSG_DONE.</summary>
    public IReadOnlyList<NetlinkMessageParser.Message> Dump(ushort requestType, int bodySize)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        var sequence = Interlocked.Increment(ref _sequence);
        var request = new byte[NetlinkConstants.HeaderSize + bodySize];
        BinaryPrimitives.WriteUInt32LittleEndian(request, (uint)request.Length);
        BinaryPrimitives.WriteUInt16LittleEndian(request.AsSpan(4), requestType);
        BinaryPrimitives.WriteUInt16LittleEndian(request.AsSpan(6), NetlinkConstants.NlmFRequest | NetlinkConstants.NlmFDump);
        BinaryPrimitives.WriteUInt32LittleEndian(request.AsSpan(8), (uint)sequence);
        fixed (byte* data = request)
        {
            if (send(_fd, data, request.Length, 0) < 0)
            {
                throw new IOException($"netlink send failed: errno {errno}");
            }
        }

        var messages = new List<NetlinkMessageParser.Message>();
        while (true)
        {
            var chunk = Receive() ?? throw new IOException("netlink dump timed out");
            foreach (var message in NetlinkMessageParser.Messages(chunk))
            {
                if (message.Sequence != sequence)
                {
                    continue;
                }

                if (message.Type == NetlinkConstants.NlmsgDone)
                {
                    return messages;
                }

                if (message.Type == NetlinkConstants.NlmsgError)
                {
                    var error = NetlinkMessageParser.Error(message.Payload.Span);
                    if (error != 0)
                    {
                        throw new IOException($"netlink dump failed: errno {error}");
                    }

                    return messages;
                }

                messages.Add(message);
            }
        }
    }

    /// <summary>
    /// Sends one request (RTM_NEWADDR, RTM_DELADDR) with NLM_F_ACK and waits for its acknowledgement: 0 when done, else the
    /// errno the kernel answered (EEXIST, EADDRNOTAVAIL, ...).
    /// </summary>
    public int Request(ushort requestType, ushort flags, ReadOnlySpan<byte> body)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        var sequence = Interlocked.Increment(ref _sequence);
        var request = new byte[NetlinkConstants.HeaderSize + body.Length];
        BinaryPrimitives.WriteUInt32LittleEndian(request, (uint)request.Length);
        BinaryPrimitives.WriteUInt16LittleEndian(request.AsSpan(4), requestType);
        BinaryPrimitives.WriteUInt16LittleEndian(request.AsSpan(6), (ushort)(NetlinkConstants.NlmFRequest | NetlinkConstants.NlmFAck | flags));
        BinaryPrimitives.WriteUInt32LittleEndian(request.AsSpan(8), (uint)sequence);
        body.CopyTo(request.AsSpan(NetlinkConstants.HeaderSize));
        fixed (byte* data = request)
        {
            if (send(_fd, data, request.Length, 0) < 0)
            {
                throw new IOException($"netlink send failed: errno {errno}");
            }
        }

        while (true)
        {
            var chunk = Receive() ?? throw new IOException("netlink request timed out");
            foreach (var message in NetlinkMessageParser.Messages(chunk))
            {
                if (message.Sequence == sequence && message.Type == NetlinkConstants.NlmsgError)
                {
                    return NetlinkMessageParser.Error(message.Payload.Span);
                }
            }
        }
    }

    /// <summary>Receives one datagram; null on the receive timeout (EAGAIN) so a reading loop can check cancellation.</summary>
    public byte[]? Receive()
    {
        var buffer = new byte[64 * 1024];
        var received = Receive(buffer);
        return received < 0 ? null : buffer[..received];
    }

    /// <summary>
    /// Receives one datagram into <paramref name="buffer"/> (no allocation, for busy sockets): its length, or -1 on the
    /// receive timeout. An overrun (ENOBUFS) throws <see cref="NetlinkOverrunException"/>; the socket stays usable.
    /// </summary>
    public int Receive(byte[] buffer)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        while (true)
        {
            long received;
            fixed (byte* data = buffer)
            {
                received = recv(_fd, data, buffer.Length, 0);
            }

            if (received >= 0)
            {
                return (int)received;
            }

            var error = errno;
            if (error == EINTR)
            {
                continue;
            }

            if (error == EAGAIN || error == EWOULDBLOCK)
            {
                return -1;
            }

            if (error == ENOBUFS)
            {
                // The kernel dropped events because we were slow: say so, the caller resyncs.
                throw new NetlinkOverrunException();
            }

            throw new IOException($"netlink recv failed: errno {error}");
        }
    }

    public void Dispose()
    {
        if (!_disposed)
        {
            _disposed = true;
            close(_fd);
        }
    }
}
