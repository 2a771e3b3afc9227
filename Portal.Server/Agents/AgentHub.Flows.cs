using System.Text.Json;
using Microsoft.AspNetCore.SignalR;
using Portal.Contracts.Agent;
using Portal.Contracts.Flows;
using Portal.Contracts.Model;
using Portal.Server.Flows;

namespace Portal.Server.Agents;

/// <summary>Flow reports from the agent: stored once, then pushed to the host's watchers.</summary>
public sealed partial class AgentHub
{
    /// <summary>How far an agent's clock may run ahead of the server's before its flows are refused.</summary>
    private static readonly TimeSpan FlowClockSkew = TimeSpan.FromMinutes(2);

    /// <summary>
    /// Completes once the edges are stored: that is the agent's acknowledgement. A report that fails the checks fails
    /// the invocation with "refused: ..." (the agent drops it, it would fail again); a storage error fails it with
    /// another message, and the agent sends the same report again.
    /// </summary>
    [HubMethodName(AgentHubMethods.Flows)]
    public async Task Flows(JsonElement message, FlowIngest flows, TimeProvider clock)
    {
        if (!connections.IsCurrent(HostName, Context.ConnectionId))
        {
            Context.Abort();
            throw new HubException("this connection was replaced by a newer one of the same host");
        }

        if (!HasSaidHello)
        {
            RefuseUnversioned();
            throw new HubException(AgentProtocol.Mismatch(AgentProtocol.Unversioned));
        }

        FlowReport? report;
        string? reason;
        try
        {
            report = message.Deserialize<FlowReport>(PortalJson.Options);
            reason = FlowReportValidator.Check(report, HostName, clock.GetUtcNow(), FlowClockSkew);
        }
        catch (JsonException e)
        {
            report = null;
            reason = e.Message;
        }

        if (reason is not null)
        {
            logger.LogWarning("Host {Host}: refused {Method} ({Reason})", HostName, AgentHubMethods.Flows, reason);
            throw new HubException($"refused: {reason}");
        }

        await flows.AddAsync(HostName, report!, Context.ConnectionAborted);
    }
}
