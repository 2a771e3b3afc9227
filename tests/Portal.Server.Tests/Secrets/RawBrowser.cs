using System.Text.Json;
using System.Threading.Channels;
using Microsoft.AspNetCore.SignalR.Client;
using Portal.Contracts.Api;
using Portal.Server.Tests.Infrastructure;

namespace Portal.Server.Tests.Secrets;

/// <summary>A browser on /hubs/live that keeps every HostChanged message as the raw JSON text the server sent.</summary>
public sealed class RawBrowser : IAsyncDisposable
{
    private RawBrowser(HubConnection connection)
    {
        Connection = connection;
        Connection.On(LiveHubMethods.HostChanged, [typeof(JsonElement)], args =>
        {
            Messages.Writer.TryWrite(((JsonElement)args[0]!).GetRawText());
            return Task.CompletedTask;
        });
    }

    public HubConnection Connection { get; }

    public Channel<string> Messages { get; } = Channel.CreateUnbounded<string>();

    public static async Task<RawBrowser> WatchAsync(PortalFactory factory, PortalClient signedIn, string host)
    {
        var connection = TestBrowser.LiveConnection(factory, signedIn);
        var browser = new RawBrowser(connection);
        await connection.StartAsync(TestContext.Current.CancellationToken);
        await connection.InvokeAsync(LiveHubMethods.Watch, host, TestContext.Current.CancellationToken);
        return browser;
    }

    /// <summary>The next message whose text contains <paramref name="marker"/>; every message read on the way is kept.</summary>
    public async Task<string> NextContainingAsync(string marker, List<string> seen)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(10));
        while (true)
        {
            var text = await Messages.Reader.ReadAsync(timeout.Token);
            seen.Add(text);
            if (text.Contains(marker, StringComparison.Ordinal))
            {
                return text;
            }
        }
    }

    public async ValueTask DisposeAsync() => await Connection.DisposeAsync();
}
