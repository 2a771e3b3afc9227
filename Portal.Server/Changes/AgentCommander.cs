using Microsoft.AspNetCore.SignalR;
using Portal.Contracts.Agent;
using Portal.Contracts.Commands;
using Portal.Server.Agents;
using Portal.Server.Audit;

namespace Portal.Server.Changes;

/// <summary>
/// Sends one command to a host's agent and waits for its <see cref="CommandResult"/> (SignalR client results).
/// An agent that never answers is given up on after <see cref="Timeout"/>; one that is not connected is offline.
/// Every command sent is recorded in <see cref="SentCommands"/>, the server's own word on which rule changes are the portal's.
/// </summary>
public sealed class AgentCommander(IHubContext<AgentHub, IAgentClient> hub, AgentConnections connections, SentCommands sent, ILogger<AgentCommander> logger)
{
    /// <summary>A recreate stops, creates and starts a container: seconds, not minutes.</summary>
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    public bool IsOnline(string host) => connections.ConnectionId(host) is not null;

    /// <exception cref="AgentOfflineException">No agent connection, or it dropped before answering.</exception>
    public async Task<CommandResult> ExecuteAsync(string host, AgentCommand command, CancellationToken cancellationToken)
    {
        var connection = connections.ConnectionId(host) ?? throw new AgentOfflineException(host);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(Timeout);
        using var window = sent.Begin(host, command.Intent, command.User);
        try
        {
            var result = await hub.Clients.Client(connection).Execute(new AgentCommandEnvelope(command), timeout.Token);
            return result ?? CommandResult.Refused(502, $"the agent of host '{host}' answered nothing");
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            logger.LogWarning("Host {Host}: no answer to {Command} within {Timeout}", host, command.GetType().Name, Timeout);
            return CommandResult.Refused(502, $"the agent of host '{host}' did not answer within {Timeout.TotalSeconds:0} s");
        }
        catch (IOException)
        {
            // SignalR fails pending client results with an IOException when the connection closes.
            throw new AgentOfflineException(host);
        }
        catch (HubException e)
        {
            // The agent threw, or has no Execute handler: it refused without telling why in a CommandResult.
            return CommandResult.Refused(502, $"the agent of host '{host}' failed: {e.Message}");
        }
    }
}
