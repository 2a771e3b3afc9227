using System.Text.Json;
using Microsoft.AspNetCore.SignalR;
using Portal.Contracts.Agent;
using Portal.Contracts.Model;
using Portal.Server.Audit;

namespace Portal.Server.Agents;

/// <summary>Rule history from the agent: batches of its outbox, and the baseline or resync a snapshot implies.</summary>
public sealed partial class AgentHub
{
    /// <summary>
    /// Stores the batch once and completes only after the commit: completion is the agent's acknowledgement that it
    /// may drop the batch from its outbox. A refused batch fails the invocation (the agent keeps it) with the reason.
    /// </summary>
    [HubMethodName(AgentHubMethods.RuleChanges)]
    public async Task RuleChanges(JsonElement message, AuditIngest audit, IngestRateLimiter limiter)
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

        RuleChangeBatch? batch;
        try
        {
            batch = message.Deserialize<RuleChangeBatch>(PortalJson.Options);
        }
        catch (JsonException e)
        {
            batch = null;
            logger.LogWarning("Host {Host}: malformed {Method} ({Reason})", HostName, AgentHubMethods.RuleChanges, e.Message);
        }

        if (RuleChangeBatchValidator.Check(batch, HostName) is { } reason)
        {
            logger.LogWarning("Host {Host}: refused {Method} ({Reason})", HostName, AgentHubMethods.RuleChanges, reason);
            throw new HubException($"refused: {reason}");
        }

        // Over its rate the batch stays in the agent's outbox, which sends it again a few seconds later.
        if (!limiter.TryTake(HostName, batch!.Changes.Count, out var retryAfter))
        {
            logger.LogWarning("Host {Host}: refused {Method} batch {Batch} of {Count} rows (over the ingest rate; retry in {RetryAfter:0.0} s)",
                HostName, AgentHubMethods.RuleChanges, batch.Batch, batch.Changes.Count, retryAfter.TotalSeconds);
            throw new HubException($"refused: over the rule history rate of this host; retry in {Math.Ceiling(retryAfter.TotalSeconds):0} s");
        }

        await audit.RuleChangesAsync(HostName, batch, Context.ConnectionAborted);
    }

    private async Task AuditSnapshotAsync(AuditIngest audit, HostSnapshot snapshot)
    {
        try
        {
            await audit.SnapshotAsync(HostName, snapshot, Context.ConnectionAborted);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // The live state is already updated; the history check runs again with the next snapshot.
            logger.LogError(e, "Host {Host}: could not check the snapshot against the rule history", HostName);
        }
    }
}
