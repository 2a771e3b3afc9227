using System.Net.Sockets;

namespace Portal.Host.Tests.Docker;

/// <summary>
/// A unix socket that forwards every connection to a lab daemon's socket, and can be cut and restored: a daemon
/// going away and coming back, as the agent sees it, without restarting a dockerd others share.
/// </summary>
public sealed class UnixSocketProxy(string path, string target) : IAsyncDisposable
{
    private readonly List<Socket> _open = [];
    private Socket? _listener;
    private Task? _accepting;

    public string Endpoint => $"unix://{path}";

    public void Start()
    {
        File.Delete(path);
        var listener = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        listener.Bind(new UnixDomainSocketEndPoint(path));
        listener.Listen(16);
        _listener = listener;
        _accepting = AcceptAsync(listener);
    }

    /// <summary>Closes the listener and every forwarded connection, like a daemon that died.</summary>
    public async Task StopAsync()
    {
        _listener?.Dispose();
        lock (_open)
        {
            foreach (var socket in _open)
            {
                socket.Dispose();
            }

            _open.Clear();
        }

        if (_accepting is not null)
        {
            await _accepting.ContinueWith(_ => { }, TaskScheduler.Default);
        }

        File.Delete(path);
    }

    public async ValueTask DisposeAsync() => await StopAsync();

    private async Task AcceptAsync(Socket listener)
    {
        while (true)
        {
            Socket client;
            try
            {
                client = await listener.AcceptAsync();
            }
            catch (Exception e) when (e is SocketException or ObjectDisposedException)
            {
                return;
            }

            var upstream = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
            try
            {
                await upstream.ConnectAsync(new UnixDomainSocketEndPoint(target));
            }
            catch (SocketException)
            {
                client.Dispose();
                upstream.Dispose();
                continue;
            }

            lock (_open)
            {
                _open.Add(client);
                _open.Add(upstream);
            }

            _ = PumpAsync(client, upstream);
            _ = PumpAsync(upstream, client);
        }
    }

    private static async Task PumpAsync(Socket from, Socket to)
    {
        var buffer = new byte[16 * 1024];
        try
        {
            while (true)
            {
                var read = await from.ReceiveAsync(buffer, SocketFlags.None);
                if (read == 0)
                {
                    break;
                }

                await to.SendAsync(buffer.AsMemory(0, read), SocketFlags.None);
            }
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException)
        {
            // One side was cut.
        }

        try
        {
            to.Shutdown(SocketShutdown.Send);
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException)
        {
            // Already closed.
        }
    }
}
