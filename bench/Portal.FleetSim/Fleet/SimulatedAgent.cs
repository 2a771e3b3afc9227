using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using Portal.Contracts.Agent;
using Portal.Contracts.Wire;
using Portal.FleetSim.Hosts;

namespace Portal.FleetSim.Fleet;

/// <summary>
/// One simulated agent: a real SignalR connection to <c>/hubs/agent</c> with its host's bearer token, speaking the
/// agent protocol as Portal.Host does (the agent's own wire JSON): <c>Hello</c> then a full <c>Snapshot</c> on every
/// (re)connect, one numbered <c>Delta</c> per change followed by its <c>RuleChanges</c> batch (invoked: completion is
/// the acknowledgement), and a snapshot whenever the server sends <c>RequestSnapshot</c>.
/// </summary>
public sealed class SimulatedAgent : IAsyncDisposable
{
    private readonly SemaphoreSlim _turn = new(1, 1);
    private readonly FleetCounters _counters;

    public SimulatedAgent(FleetEndpoint endpoint, string token, SyntheticHost host, FleetCounters counters)
    {
        Host = host;
        _counters = counters;
        Connection = new HubConnectionBuilder()
            .WithUrl(endpoint.Hub(AgentHubMethods.Path), o =>
            {
                endpoint.Configure(o);
                o.Headers["Authorization"] = "Bearer " + token;
            })
            .WithAutomaticReconnect()
            .AddJsonProtocol(o => o.PayloadSerializerOptions = WireJson.Payload)
            .Build();
        Connection.ServerTimeout = TimeSpan.FromSeconds(60);
        Connection.On(AgentHubMethods.RequestSnapshot, () =>
        {
            _counters.SnapshotRequested();
            _ = SnapshotSafelyAsync(hello: false);
        });
        Connection.Reconnected += connectionId =>
        {
            _counters.Reconnected();
            _ = SnapshotSafelyAsync(hello: true);
            return Task.CompletedTask;
        };
    }

    public SyntheticHost Host { get; }

    public HubConnection Connection { get; }

    /// <summary>Connects, says hello in the current protocol and sends the full snapshot.</summary>
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await Connection.StartAsync(cancellationToken);
        await HelloAsync(cancellationToken);
        await SnapshotAsync(cancellationToken);
    }

    /// <summary>One change of the host: its delta, then its rule history batch.</summary>
    public async Task ChangeAsync(CancellationToken cancellationToken)
    {
        await _turn.WaitAsync(cancellationToken);
        try
        {
            if (Connection.State != HubConnectionState.Connected)
            {
                _counters.Skipped();
                return;
            }

            var change = Host.Change();
            var delta = change.Delta with { At = DateTimeOffset.UtcNow };
            _counters.Sent(Host.Name, delta.Sequence, delta.At);
            await Connection.InvokeAsync(AgentHubMethods.Delta, delta, cancellationToken);
            await Connection.InvokeAsync(AgentHubMethods.RuleChanges, change.Batch, cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            _counters.Failed(e);
        }
        finally
        {
            _turn.Release();
        }
    }

    public async ValueTask DisposeAsync() => await Connection.DisposeAsync();

    private async Task HelloAsync(CancellationToken cancellationToken)
    {
        var welcome = await Connection.InvokeAsync<AgentWelcome>(
            AgentHubMethods.Hello, new AgentHello(Host.Name, AgentProtocol.Current), cancellationToken);
        if (!string.Equals(welcome.Host, Host.Name, StringComparison.OrdinalIgnoreCase))
        {
            throw new InvalidOperationException($"the server says the token is for '{welcome.Host}', not '{Host.Name}'");
        }
    }

    private async Task SnapshotAsync(CancellationToken cancellationToken)
    {
        await _turn.WaitAsync(cancellationToken);
        try
        {
            await Connection.InvokeAsync(AgentHubMethods.Snapshot, Host.FullSnapshot(), cancellationToken);
        }
        finally
        {
            _turn.Release();
        }
    }

    private async Task SnapshotSafelyAsync(bool hello)
    {
        try
        {
            if (hello)
            {
                await HelloAsync(CancellationToken.None);
            }

            await SnapshotAsync(CancellationToken.None);
        }
        catch (Exception e)
        {
            _counters.Failed(e);
        }
    }
}
