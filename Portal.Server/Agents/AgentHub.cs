using System.Text.Json;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.SignalR;
using Portal.Contracts.Agent;
using Portal.Contracts.Model;
using Portal.Server.Audit;
using Portal.Server.Auth;
using Portal.Server.Cluster;
using Portal.Server.State;

namespace Portal.Server.Agents;

/// <summary>
/// The agents' hub: one live connection per host (a newer one replaces it), a snapshot on every connect, numbered
/// deltas after it. Messages arrive as raw JSON and are parsed and checked here, so a malformed message from an
/// agent drops that agent and never reaches the state; an oversized one is refused by SignalR itself.
/// </summary>
[Authorize(Policy = Policies.Agent)]
public sealed partial class AgentHub(
    AgentConnections connections, AgentIngest ingest, ClusterBus cluster, RemoteAgents remote, ILogger<AgentHub> logger) : Hub<IAgentClient>
{
    private const string Greeted = "portal:greeted";

    private string HostName => Context.User!.FindFirst(AgentTokenHandler.HostClaim)!.Value;

    public override Task OnConnectedAsync()
    {
        connections.Attach(HostName, Context);
        cluster.Attached(HostName, Context.ConnectionId);
        logger.LogInformation("Agent of host {Host} connected ({Connection})", HostName, Context.ConnectionId);
        return Task.CompletedTask;
    }

    public override Task OnDisconnectedAsync(Exception? exception)
    {
        if (exception is not null)
        {
            logger.LogWarning(exception, "Agent of host {Host} dropped ({Connection})", HostName, Context.ConnectionId);
        }

        // A replaced connection leaves the host online with its successor (here or on another replica); a revoked one
        // leaves no successor.
        if ((connections.Detach(HostName, Context.ConnectionId) || !connections.HasConnection(HostName)) && !remote.HeldElsewhere(HostName))
        {
            ingest.Online(HostName, false);
        }

        return Task.CompletedTask;
    }

    /// <summary>
    /// Tells the agent which host its token belongs to, so it needs no name of its own. A name it was given anyway must
    /// be that host's: otherwise the invocation fails with the reason, which the admin page shows too.
    /// </summary>
    [HubMethodName(AgentHubMethods.Hello)]
    public AgentWelcome Hello(JsonElement message)
    {
        AgentHello? hello;
        try
        {
            hello = message.Deserialize<AgentHello>(PortalJson.Options);
        }
        catch (JsonException e)
        {
            throw Refusal($"malformed {AgentHubMethods.Hello} ({e.Message})");
        }

        var protocol = hello?.Protocol ?? AgentProtocol.Unversioned;
        if (protocol != AgentProtocol.Current)
        {
            throw Refusal(AgentProtocol.Mismatch(protocol));
        }

        if (hello?.Host is { Length: > 0 } claimed && !string.Equals(claimed, HostName, StringComparison.OrdinalIgnoreCase))
        {
            throw Refusal($"token is for host '{HostName}', --host says '{claimed}'");
        }

        Context.Items[Greeted] = true;
        return new AgentWelcome(HostName);
    }

    [HubMethodName(AgentHubMethods.Snapshot)]
    public async Task Snapshot(JsonElement message, AuditIngest audit)
    {
        if (Read<HostSnapshot>(message, AgentHubMethods.Snapshot) is { } snapshot
            && Refuse(AgentMessageValidator.Check(snapshot, HostName), AgentHubMethods.Snapshot) is false)
        {
            ingest.Snapshot(HostName, snapshot);
            await AuditSnapshotAsync(audit, snapshot);
        }
    }

    [HubMethodName(AgentHubMethods.Delta)]
    public async Task Delta(JsonElement message)
    {
        if (Read<HostDelta>(message, AgentHubMethods.Delta) is not { } delta
            || Refuse(AgentMessageValidator.Check(delta, HostName), AgentHubMethods.Delta))
        {
            return;
        }

        if (ingest.Delta(HostName, delta) == DeltaOutcome.Gap)
        {
            logger.LogInformation("Host {Host}: delta {Sequence} out of sequence, asking for a snapshot", HostName, delta.Sequence);
            await Clients.Caller.RequestSnapshot();
        }
    }

    private T? Read<T>(JsonElement message, string method) where T : class
    {
        if (!connections.IsCurrent(HostName, Context.ConnectionId))
        {
            // A replaced connection still draining its queue: its state is stale by definition.
            Context.Abort();
            return null;
        }

        if (!HasSaidHello)
        {
            RefuseUnversioned();
            return null;
        }

        try
        {
            if (message.Deserialize<T>(PortalJson.Options) is { } value)
            {
                return value;
            }

            Refuse("null message", method);
        }
        catch (JsonException e)
        {
            Refuse(e.Message, method);
        }

        return null;
    }

    private bool Refuse(string? reason, string method)
    {
        if (reason is null)
        {
            return false;
        }

        logger.LogWarning("Host {Host}: malformed {Method} ({Reason}); disconnecting the agent", HostName, method, reason);
        ingest.Refused(HostName, $"malformed {method}: {reason}");
        Context.Abort();
        return true;
    }

    /// <summary>
    /// An agent that sends state without saying <see cref="AgentHubMethods.Hello"/> first is older than the handshake's
    /// version: its messages have another shape, so it is refused (the reason on the admin page) and dropped.
    /// </summary>
    private void RefuseUnversioned()
    {
        var reason = AgentProtocol.Mismatch(AgentProtocol.Unversioned);
        logger.LogWarning("Host {Host}: agent refused: {Reason}", HostName, reason);
        ingest.Refused(HostName, reason);
        Context.Abort();
    }

    private bool HasSaidHello => Context.Items.ContainsKey(Greeted);

    /// <summary>A refusal the agent reads as the invocation's error (and stops on); the admin page shows it too.</summary>
    private HubException Refusal(string reason)
    {
        logger.LogWarning("Host {Host}: agent refused: {Reason}", HostName, reason);
        ingest.Refused(HostName, reason);
        return new HubException(reason);
    }
}
