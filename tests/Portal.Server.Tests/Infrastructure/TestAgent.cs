using System.Threading.Channels;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;
using Portal.Contracts.Agent;

namespace Portal.Server.Tests.Infrastructure;

/// <summary>A real SignalR client on /hubs/agent, as Portal.Host dials in, going through the test server's handler.</summary>
public sealed class TestAgent : IAsyncDisposable
{
    private readonly TaskCompletionSource<Exception?> _closed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private TestAgent(HubConnection connection)
    {
        Connection = connection;
        Connection.On(AgentHubMethods.RequestSnapshot, () => SnapshotRequests.Writer.TryWrite(DateTimeOffset.UtcNow));
        Connection.Closed += e =>
        {
            _closed.TrySetResult(e);
            return Task.CompletedTask;
        };
    }

    public HubConnection Connection { get; }

    public Channel<DateTimeOffset> SnapshotRequests { get; } = Channel.CreateUnbounded<DateTimeOffset>();

    /// <summary>Completes when the server (or the client) closed the connection.</summary>
    public Task Closed => _closed.Task;

    public static TestAgent Create(PortalFactory factory, string token)
    {
        var server = factory.Server;
        var connection = new HubConnectionBuilder()
            .WithUrl(new Uri(server.BaseAddress, AgentHubMethods.Path.TrimStart('/')), o =>
            {
                o.HttpMessageHandlerFactory = _ => server.CreateHandler();
                o.Transports = HttpTransportType.LongPolling;
                o.AccessTokenProvider = () => Task.FromResult<string?>(token);
            })
            .Build();
        return new TestAgent(connection);
    }

    /// <summary>Connects and says hello in the current protocol, as every agent opens a connection.</summary>
    public static async Task<TestAgent> ConnectAsync(PortalFactory factory, string token)
    {
        var agent = Create(factory, token);
        await agent.Connection.StartAsync(TestContext.Current.CancellationToken);
        await agent.HelloAsync();
        return agent;
    }

    public Task<AgentWelcome> HelloAsync(string? host = null, int protocol = AgentProtocol.Current) =>
        Connection.InvokeAsync<AgentWelcome>(AgentHubMethods.Hello, new AgentHello(host, protocol), TestContext.Current.CancellationToken);

    public Task SendAsync(string method, object message) =>
        Connection.InvokeAsync(method, message, TestContext.Current.CancellationToken);

    public async ValueTask DisposeAsync() => await Connection.DisposeAsync();
}
