using System.Net;
using System.Net.WebSockets;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.Http.Connections.Client;
using Microsoft.AspNetCore.SignalR.Client;
using Portal.Contracts.Agent;
using Portal.Contracts.Api;
using Portal.Server.Tests.Infrastructure;

namespace Portal.Server.Tests.Web;

/// <summary>
/// Both hubs refuse a browser whose Origin is another site (negotiate and the WebSocket upgrade), and accept their own
/// origin, a configured one, and clients that send no Origin (agents, scripts).
/// </summary>
public sealed class HubOriginTests(HubOriginTests.Factory factory) : IClassFixture<HubOriginTests.Factory>
{
    private const string Foreign = "http://evil.example";
    private const string Configured = "https://portal.example:8443";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>A server that also allows <see cref="Configured"/>.</summary>
    public sealed class Factory : IAsyncDisposable
    {
        public PortalFactory Portal { get; } = new() { Settings = { ["Portal:AllowedOrigins:0"] = Configured } };

        public ValueTask DisposeAsync() => Portal.DisposeAsync();
    }

    [Theory]
    [InlineData(LiveHubMethods.Path)]
    [InlineData(AgentHubMethods.Path)]
    public async Task Negotiate_ForeignOrigin_403(string hub)
    {
        using var admin = await PortalClient.AdminAsync(factory.Portal);
        using var request = new HttpRequestMessage(HttpMethod.Post, $"{hub}/negotiate?negotiateVersion=1");
        request.Headers.Add("Origin", Foreign);

        using var response = await admin.Http.SendAsync(request, Ct);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task LiveHub_ForeignOrigin_RealClientRefused()
    {
        using var admin = await PortalClient.AdminAsync(factory.Portal);
        await using var connection = Browser(admin, Foreign);

        var error = await Assert.ThrowsAnyAsync<HttpRequestException>(() => connection.StartAsync(Ct));

        Assert.Equal(HttpStatusCode.Forbidden, error.StatusCode);
    }

    [Theory]
    [InlineData("http://localhost")]
    [InlineData(Configured)]
    [InlineData(null)]
    public async Task LiveHub_OwnConfiguredOrNoOrigin_Connects(string? origin)
    {
        using var admin = await PortalClient.AdminAsync(factory.Portal);
        await using var connection = Browser(admin, origin);

        await connection.StartAsync(Ct);
        await connection.InvokeAsync(LiveHubMethods.Watch, "*", Ct);

        Assert.Equal(HubConnectionState.Connected, connection.State);
    }

    [Fact]
    public async Task WebSocketUpgrade_ForeignOrigin_Refused()
    {
        using var admin = await PortalClient.AdminAsync(factory.Portal);
        var client = factory.Portal.Server.CreateWebSocketClient();
        client.ConfigureRequest = r =>
        {
            r.Headers.Origin = Foreign;
            r.Headers.Cookie = admin.CookieHeader;
        };

        var error = await Assert.ThrowsAnyAsync<Exception>(
            () => client.ConnectAsync(new Uri(factory.Portal.Server.BaseAddress, "hubs/live?id=whatever"), Ct));

        Assert.Contains("403", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AgentHub_ForeignOrigin_RefusedAndNoOriginConnects()
    {
        using var admin = await PortalClient.AdminAsync(factory.Portal);
        var host = await admin.CreateHostAsync();
        await using var forged = Agent(host.Token, Foreign);

        var error = await Assert.ThrowsAnyAsync<HttpRequestException>(() => forged.StartAsync(Ct));

        Assert.Equal(HttpStatusCode.Forbidden, error.StatusCode);
        await using var agent = Agent(host.Token, origin: null);
        await agent.StartAsync(Ct);
        Assert.Equal(HubConnectionState.Connected, agent.State);
    }

    private HubConnection Browser(PortalClient signedIn, string? origin) => Connection(LiveHubMethods.Path, o =>
    {
        o.Headers["Cookie"] = signedIn.CookieHeader;
        if (origin is not null)
        {
            o.Headers["Origin"] = origin;
        }
    });

    private HubConnection Agent(string token, string? origin) => Connection(AgentHubMethods.Path, o =>
    {
        o.AccessTokenProvider = () => Task.FromResult<string?>(token);
        if (origin is not null)
        {
            o.Headers["Origin"] = origin;
        }
    });

    private HubConnection Connection(string path, Action<HttpConnectionOptions> configure)
    {
        var server = factory.Portal.Server;
        return new HubConnectionBuilder()
            .WithUrl(new Uri(server.BaseAddress, path.TrimStart('/')), o =>
            {
                o.HttpMessageHandlerFactory = _ => server.CreateHandler();
                o.Transports = HttpTransportType.LongPolling;
                configure(o);
            })
            .Build();
    }
}
