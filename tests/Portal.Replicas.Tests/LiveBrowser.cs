using System.Threading.Channels;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using Portal.Contracts.Api;
using Portal.Contracts.Intents;
using Portal.Contracts.Model;
using Portal.Lab.Stack;

namespace Portal.Replicas.Tests;

/// <summary>A browser's live connection (/hubs/live) to one replica, with the session's sign-in cookie, watching one host.</summary>
public sealed class LiveBrowser : IAsyncDisposable
{
    private LiveBrowser(HubConnection connection) => Connection = connection;

    public HubConnection Connection { get; }

    public Channel<HostChange> Changes { get; } = Channel.CreateUnbounded<HostChange>();

    public Channel<IntentView> Intents { get; } = Channel.CreateUnbounded<IntentView>();

    public static async Task<LiveBrowser> WatchAsync(PortalSession session, string host, CancellationToken cancellationToken)
    {
        var url = new Uri(session.Http.BaseAddress!, LiveHubMethods.Path.TrimStart('/'));
        var connection = new HubConnectionBuilder()
            .WithUrl(url, o =>
            {
                // As the portal's own page connects: WebSockets without a negotiate (no sticky sessions needed).
                o.SkipNegotiation = true;
                o.Transports = Microsoft.AspNetCore.Http.Connections.HttpTransportType.WebSockets;
                o.Headers["Cookie"] = session.Cookies.GetCookieHeader(url);
            })
            .AddJsonProtocol(o => o.PayloadSerializerOptions = PortalJson.Options)
            .Build();
        var browser = new LiveBrowser(connection);
        connection.On<HostChange>(LiveHubMethods.HostChanged, c => browser.Changes.Writer.TryWrite(c));
        connection.On<IntentView>(LiveHubMethods.IntentChanged, i => browser.Intents.Writer.TryWrite(i));
        await connection.StartAsync(cancellationToken);
        await connection.InvokeAsync(LiveHubMethods.Watch, host, cancellationToken);
        return browser;
    }

    /// <summary>The first message matching, within <paramref name="timeout"/>.</summary>
    public static async Task<T> NextAsync<T>(Channel<T> channel, Func<T, bool> match, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(timeout);
        while (true)
        {
            var item = await channel.Reader.ReadAsync(limit.Token);
            if (match(item))
            {
                return item;
            }
        }
    }

    public async ValueTask DisposeAsync() => await Connection.DisposeAsync();
}
