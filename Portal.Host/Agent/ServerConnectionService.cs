using Microsoft.Extensions.Logging;
using Portal.Host.Cli;
using Portal.Host.Resilience;

namespace Portal.Host.Agent;

/// <summary>
/// Opens the connection to the server (retrying through the agent's pipeline) until the server has said which host
/// the token is for, hands that to the <see cref="AgentSession"/>, then keeps the connection: SignalR's automatic
/// reconnect takes over, and a connection that closes anyway is opened again here, with a hello first. Every
/// (re)connect asks the worker for a snapshot.
/// </summary>
public sealed class ServerConnectionService(
    AgentOptions options,
    AgentConnection connection,
    AgentSession session,
    AgentInbox inbox,
    AgentRetry retry,
    ILoggerFactory loggers,
    AgentExit exit) : AgentPart(exit)
{
    /// <summary>A connection that lasted this long was a good one: the next reconnect starts the schedule afresh.</summary>
    private static readonly TimeSpan Steady = TimeSpan.FromSeconds(30);

    private readonly ILogger _logger = loggers.CreateLogger("Portal.Host.Agent");
    private bool _open;

    protected override string Part => "the server connection";

    protected override async Task RunAsync(CancellationToken stoppingToken)
    {
        // The server names the host (from the token); the snapshot, the history and the state folder all carry that name.
        var host = await retry.RunAsync($"Connecting to {options.Server}", connection.StartAsync, stoppingToken);
        _open = true;
        session.Identified(host);
        while (!stoppingToken.IsCancellationRequested)
        {
            // One run of the pipeline per steady connection: a server that drops the agent at once is retried with
            // growing waits (it must not be hammered), one that kept it a while is reconnected to at once.
            await retry.RunAsync($"The connection to {options.Server}", StayConnectedAsync, stoppingToken);
        }
    }

    private async Task StayConnectedAsync(CancellationToken cancellationToken)
    {
        if (!_open)
        {
            await connection.StartAsync(cancellationToken);
        }

        _open = false;
        _logger.LogInformation("Connected to {Server}", options.Server);
        var connectedAt = DateTimeOffset.UtcNow;
        inbox.Post(new AgentWork.SendSnapshot("connected"));
        await connection.WaitClosedAsync(cancellationToken);

        var lasted = DateTimeOffset.UtcNow - connectedAt;
        var why = connection.ClosedBy?.Message ?? "by the server";
        if (lasted < Steady)
        {
            throw new HubConnectionClosedException($"closed after {lasted.TotalSeconds:0.0} s ({why})");
        }

        _logger.LogWarning("Connection to the server closed ({Error}); connecting again", why);
    }

    private sealed class HubConnectionClosedException(string message) : Exception(message);
}
