using Microsoft.AspNetCore.SignalR;
using Portal.Contracts.Agent;
using Portal.Contracts.Commands;
using Portal.Server.Agents;
using Portal.Server.Audit;
using Portal.Server.Cluster;

namespace Portal.Server.Changes;

/// <summary>
/// Sends one command to a host's agent and waits for its <see cref="CommandResult"/> (SignalR client results).
/// An agent that never answers is given up on after <see cref="Timeout"/>; one that is not connected is offline.
/// Every command sent is recorded in <see cref="SentCommands"/>, the server's own word on which rule changes are the portal's.
/// </summary>
/// <remarks>
/// An agent connected to another replica is reached through the Redis backplane, which carries client results both
/// ways (the invocation on the connection's channel, the answer on this server's). The backplane does not notice that
/// replica dying while an answer is due, so the wait also ends when <see cref="RemoteAgents"/> says the agent left it.
/// </remarks>
public sealed class AgentCommander(
    IHubContext<AgentHub, IAgentClient> hub,
    AgentConnections connections,
    RemoteAgents remote,
    ClusterBus cluster,
    SentCommands sent,
    ILogger<AgentCommander> logger)
{
    /// <summary>A recreate stops, creates and starts a container: seconds, not minutes.</summary>
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    public bool IsOnline(string host) => connections.ConnectionId(host) is not null || remote.HeldElsewhere(host);

    /// <exception cref="AgentOfflineException">No agent connection, or it dropped before answering.</exception>
    public async Task<CommandResult> ExecuteAsync(string host, AgentCommand command, CancellationToken cancellationToken)
    {
        var (connection, lost) = connections.ConnectionId(host) is { } local
            ? (local, CancellationToken.None)
            : remote.Find(host) is { } elsewhere ? (elsewhere.Connection, elsewhere.Lost) : throw new AgentOfflineException(host);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, lost);
        timeout.CancelAfter(Timeout);
        using var window = sent.Begin(host, command.Intent, command.User);
        var shared = cluster.CommandSent(host, command.Intent, command.User);
        try
        {
            var result = await hub.Clients.Client(connection).Execute(new AgentCommandEnvelope(command), timeout.Token);
            return result ?? CommandResult.Refused(502, $"the agent of host '{host}' answered nothing");
        }
        catch (OperationCanceledException) when (lost.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            // The agent left the replica that held it (or that replica is gone): no answer is coming.
            throw new AgentOfflineException(host);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            logger.LogWarning("Host {Host}: no answer to {Command} within {Timeout}", host, command.GetType().Name, Timeout);
            return CommandResult.Refused(502, $"the agent of host '{host}' did not answer within {Timeout.TotalSeconds:0} s");
        }
        catch (IOException)
        {
            // SignalR fails pending client results with an IOException when the connection closes (or, through the
            // backplane, when no replica holds that connection any more).
            throw new AgentOfflineException(host);
        }
        catch (HubException e)
        {
            // The agent threw, or has no Execute handler: it refused without telling why in a CommandResult.
            return CommandResult.Refused(502, $"the agent of host '{host}' failed: {e.Message}");
        }
        finally
        {
            cluster.CommandAnswered(shared);
        }
    }
}
