using System.Text.Json;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Portal.Contracts.Agent;
using Portal.Contracts.Commands;
using Portal.Contracts.Model;
using Portal.Contracts.Wire;
using Portal.Host.Cli;
using Portal.Host.Commands;
using Portal.Host.Resilience;

namespace Portal.Host.Agent;

/// <summary>
/// The agent's one SignalR connection to the server's agent hub. Commands come in (<c>Execute</c>, answered through the
/// <see cref="CommandDispatcher"/>) and snapshot requests go to the <see cref="AgentInbox"/>; SignalR's automatic
/// reconnect waits as the retry pipeline does (<see cref="ServerReconnectPolicy"/>), and every reconnect says hello again
/// before the snapshot. <see cref="ServerConnectionService"/> opens it and keeps it open.
/// </summary>
public sealed class AgentConnection : IAsyncDisposable
{
    private readonly AgentOptions _options;
    private readonly AgentInbox _inbox;
    private readonly ILogger _logger;
    private readonly SemaphoreSlim _closed = new(0);
    private readonly TaskCompletionSource _refused = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private Exception? _closedBy;
    private long _greetings;
    private volatile bool _greetedNow;

    public AgentConnection(AgentOptions options, AgentInbox inbox, CommandDispatcher dispatcher, ServerReconnectPolicy reconnect, ILoggerFactory loggers)
    {
        _options = options;
        _inbox = inbox;
        _logger = loggers.CreateLogger("Portal.Host.Agent");
        Identity = new HostIdentity(options.Host);
        Hub = Build(dispatcher, reconnect);
    }

    public HubConnection Hub { get; }

    /// <summary>The host the server named after the token, confirmed by every hello.</summary>
    public HostIdentity Identity { get; }

    public bool IsConnected => Hub.State == HubConnectionState.Connected;

    /// <summary>
    /// How many hellos the server has answered on this agent's connections (0: none yet). A new number means a new
    /// connection (a reconnect included): whatever the server keeps per connection must be sent whole again. SignalR's
    /// connection id cannot say this: without a negotiate (WebSockets straight away) it is null.
    /// </summary>
    public long Greeted => Interlocked.Read(ref _greetings);

    /// <summary>
    /// Connected, and the server has answered this connection's hello: messages that need no reply may go out only
    /// then, or the server would take them for an unversioned agent's.
    /// </summary>
    public bool IsGreeted => IsConnected && _greetedNow;

    /// <summary>Sends without waiting for the server to handle it (SignalR's send): for messages the next one supersedes.</summary>
    public Task SendAsync(string method, object? argument, CancellationToken cancellationToken) =>
        Hub.SendAsync(method, argument, cancellationToken);

    /// <summary>Why the connection closed last (null: the server closed it).</summary>
    public Exception? ClosedBy => _closedBy;

    public Task InvokeAsync(string method, object? argument, CancellationToken cancellationToken) =>
        Hub.InvokeAsync(method, argument, cancellationToken);

    /// <summary>Starts the connection and says hello; a failed attempt leaves it stopped for the next one.</summary>
    public async Task<string> StartAsync(CancellationToken cancellationToken)
    {
        try
        {
            _greetedNow = false;
            await Hub.StartAsync(cancellationToken);
            var host = await Identity.ConfirmAsync(Hub, cancellationToken);
            Greet();
            return host;
        }
        catch (Exception e) when (e is not AgentRefusedException && !(e is OperationCanceledException && cancellationToken.IsCancellationRequested))
        {
            if (Hub.State != HubConnectionState.Disconnected)
            {
                await Hub.StopAsync(CancellationToken.None);
            }

            throw;
        }
    }

    /// <summary>Waits until the connection has closed for good (automatic reconnect gave up); throws if the server refused the agent meanwhile.</summary>
    public async Task WaitClosedAsync(CancellationToken cancellationToken)
    {
        do
        {
            await Task.WhenAny(_closed.WaitAsync(cancellationToken), _refused.Task);
            if (_refused.Task.IsCompleted)
            {
                await _refused.Task;
            }

            cancellationToken.ThrowIfCancellationRequested();
        }

        // A close signalled by an earlier, stopped connection is not this one's.
        while (Hub.State != HubConnectionState.Disconnected);
    }

    public ValueTask DisposeAsync() => Hub.DisposeAsync();

    private HubConnection Build(CommandDispatcher dispatcher, ServerReconnectPolicy reconnect)
    {
        var url = new Uri(_options.Server!, AgentHubMethods.Path);
        var connection = new HubConnectionBuilder()
            .WithUrl(url, o => ConfigureTransport(o))
            .WithAutomaticReconnect(reconnect)
            .AddJsonProtocol(o => o.PayloadSerializerOptions = WireJson.Payload)
            .Build();

        var execute = new ExecuteHandler(_logger, dispatcher);
        connection.On<AgentCommandEnvelope, CommandResult>(AgentHubMethods.Execute, execute.ExecuteAsync);
        connection.On(AgentHubMethods.RequestSnapshot, () => _inbox.Post(new AgentWork.SendSnapshot("server asked")));
        connection.Reconnecting += e =>
        {
            _greetedNow = false;
            _logger.LogWarning("Lost the server ({Error}); reconnecting", e?.Message);
            return Task.CompletedTask;
        };
        connection.Reconnected += connectionId =>
        {
            // Not awaited: the reconnect loop runs this handler, and the hello must not hold it up.
            _ = ConfirmAgainAsync(connection);
            return Task.CompletedTask;
        };
        connection.Closed += e =>
        {
            _greetedNow = false;
            _closedBy = e;
            _closed.Release();
            return Task.CompletedTask;
        };
        return connection;
    }

    /// <summary>
    /// The token goes in the Authorization header on every transport (never in a URL, where proxies and logs keep it),
    /// and a private CA, when given, judges the server's certificate for both the HTTP requests and the WebSocket.
    /// </summary>
    private void ConfigureTransport(Microsoft.AspNetCore.Http.Connections.Client.HttpConnectionOptions transport)
    {
        transport.Headers["Authorization"] = "Bearer " + _options.Token;
        // WebSockets straight away, no negotiate round trip: behind a load balancer without sticky sessions a
        // negotiate and the connect that follows it may reach two different server replicas.
        transport.SkipNegotiation = true;
        transport.Transports = Microsoft.AspNetCore.Http.Connections.HttpTransportType.WebSockets;
        if (_options.Trust is { } trust)
        {
            transport.HttpMessageHandlerFactory = handler =>
            {
                if (handler is HttpClientHandler http)
                {
                    http.ServerCertificateCustomValidationCallback = (request, certificate, chain, errors) => trust.Validate(request, certificate, chain, errors);
                }

                return handler;
            };
            transport.WebSocketConfiguration = socket => socket.RemoteCertificateValidationCallback = trust.Validate;
        }
    }

    private void Greet()
    {
        Interlocked.Increment(ref _greetings);
        _greetedNow = true;
    }

    /// <summary>After an automatic reconnect: hello again, then the snapshot; a refusal stops the agent.</summary>
    private async Task ConfirmAgainAsync(HubConnection connection)
    {
        try
        {
            await Identity.ConfirmAsync(connection, CancellationToken.None);
            Greet();
            _inbox.Post(new AgentWork.SendSnapshot("reconnected"));
        }
        catch (AgentRefusedException e)
        {
            _refused.TrySetException(e);
        }
        catch (Exception e)
        {
            // The connection went again; the reconnect that follows says hello again.
            _logger.LogWarning("Hello after reconnecting failed: {Error}", e.Message);
        }
    }
}
