using System.Net;
using System.Net.Sockets;

namespace Portal.Replicas.Tests;

/// <summary>
/// The load balancer in front of the replicas, as small as one can be: every new TCP connection goes to the first
/// backend that accepts it (A while it runs, then B), bytes are copied both ways, and when either side closes both
/// do. No stickiness, no health checks: a replica that is gone simply refuses the connect.
/// </summary>
public sealed class TcpBalancer : IAsyncDisposable
{
    private readonly TcpListener _listener;
    private readonly IReadOnlyList<IPEndPoint> _backends;
    private readonly CancellationTokenSource _stop = new();
    private readonly int[] _accepted;
    private readonly Task _accepting;

    public TcpBalancer(IPAddress address, IReadOnlyList<IPEndPoint> backends)
    {
        _backends = backends;
        _accepted = new int[backends.Count];
        _listener = new TcpListener(address, 0);
        _listener.Start();
        Url = new Uri($"http://{address}:{((IPEndPoint)_listener.LocalEndpoint).Port}");
        _accepting = Task.Run(AcceptAsync);
    }

    public Uri Url { get; }

    /// <summary>How many connections each backend took, in the order given.</summary>
    public IReadOnlyList<int> Accepted => [.. _accepted];

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync(_stop.Token);
            }
            catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }

            _ = Task.Run(() => ForwardAsync(client));
        }
    }

    private async Task ForwardAsync(TcpClient client)
    {
        using (client)
        {
            for (var i = 0; i < _backends.Count; i++)
            {
                using var backend = new TcpClient();
                try
                {
                    using var connectTimeout = CancellationTokenSource.CreateLinkedTokenSource(_stop.Token);
                    connectTimeout.CancelAfter(TimeSpan.FromSeconds(2));
                    await backend.ConnectAsync(_backends[i], connectTimeout.Token);
                }
                catch (Exception e) when (e is SocketException or OperationCanceledException)
                {
                    continue;
                }

                Interlocked.Increment(ref _accepted[i]);
                using var done = CancellationTokenSource.CreateLinkedTokenSource(_stop.Token);
                var up = CopyAsync(client.GetStream(), backend.GetStream(), done.Token);
                var down = CopyAsync(backend.GetStream(), client.GetStream(), done.Token);
                await Task.WhenAny(up, down);
                await done.CancelAsync();
                return;
            }
        }
    }

    private static async Task CopyAsync(Stream from, Stream to, CancellationToken cancellationToken)
    {
        try
        {
            await from.CopyToAsync(to, cancellationToken);
        }
        catch (Exception e) when (e is IOException or OperationCanceledException or ObjectDisposedException or SocketException)
        {
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        await _accepting;
        _stop.Dispose();
    }
}
