using System.Threading.Channels;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;
using Portal.Contracts.Api;

namespace Portal.Server.Tests.Infrastructure;

/// <summary>A browser's connection to /hubs/live, signed in with the cookie of a <see cref="PortalClient"/>.</summary>
public sealed class TestBrowser : IAsyncDisposable
{
    private readonly TaskCompletionSource<Exception?> _closed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private TestBrowser(HubConnection connection)
    {
        Connection = connection;
        Connection.On<HostChange>(LiveHubMethods.HostChanged, change => Changes.Writer.TryWrite(change));
        Connection.Closed += e =>
        {
            _closed.TrySetResult(e);
            return Task.CompletedTask;
        };
    }

    /// <summary>Completes when the server (or the client) closed the connection.</summary>
    public Task Closed => _closed.Task;

    public HubConnection Connection { get; }

    public Channel<HostChange> Changes { get; } = Channel.CreateUnbounded<HostChange>();

    public static async Task<TestBrowser> ConnectAsync(PortalFactory factory, PortalClient signedIn)
    {
        var connection = LiveConnection(factory, signedIn);
        var browser = new TestBrowser(connection);
        await connection.StartAsync(TestContext.Current.CancellationToken);
        return browser;
    }

    /// <summary>The next change that satisfies <paramref name="match"/>, skipping others (e.g. the snapshot's resync).</summary>
    public async Task<HostChange> NextAsync(Func<HostChange, bool> match)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(10));
        while (true)
        {
            var change = await Changes.Reader.ReadAsync(timeout.Token);
            if (match(change))
            {
                return change;
            }
        }
    }

    public async ValueTask DisposeAsync() => await Connection.DisposeAsync();

    /// <summary>A /hubs/live connection (not started) through the test server, with the signed-in user's cookie.</summary>
    internal static HubConnection LiveConnection(PortalFactory factory, PortalClient signedIn)
    {
        var server = factory.Server;
        return new HubConnectionBuilder()
            .WithUrl(new Uri(server.BaseAddress, LiveHubMethods.Path.TrimStart('/')), o =>
            {
                o.HttpMessageHandlerFactory = _ => server.CreateHandler();
                o.Transports = HttpTransportType.LongPolling;
                o.Headers["Cookie"] = signedIn.CookieHeader;
            })
            .Build();
    }
}
