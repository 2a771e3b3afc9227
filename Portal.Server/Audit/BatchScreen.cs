using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Portal.Contracts.Model;
using Portal.Contracts.Wire;
using Portal.Server.Data;

namespace Portal.Server.Audit;

/// <summary>
/// What the server believes of an agent's batch before it is stored. Rows dated in the future (beyond the allowed
/// clock skew) or before the host was registered are dropped, the rest of the batch is stored: refusing the whole
/// batch would leave it at the head of the agent's outbox, sent again every few seconds and holding back every batch
/// after it. A dropped row that was real shows up again as a resync at the agent's next snapshot, dated by the server.
/// A portal cause is kept only as the server's <see cref="SentCommands"/> confirm it (with the user the server sent);
/// one naming an intent the server did not send to this host then becomes external. Both are logged as warnings.
/// </summary>
public sealed class BatchScreen(
    SentCommands sent,
    IServiceScopeFactory scopes,
    TimeProvider clock,
    IOptions<AuditOptions> options,
    ILogger<BatchScreen> logger)
{
    public async Task<RuleChangeBatch> ScreenAsync(string host, RuleChangeBatch batch, CancellationToken cancellationToken)
    {
        var skew = TimeSpan.FromSeconds(Math.Max(0, options.Value.ClockSkewSeconds));
        var latest = clock.GetUtcNow() + skew;
        var earliest = await RegisteredAsync(host, cancellationToken) - skew;
        var kept = new List<RuleChange>(batch.Changes.Count);
        int future = 0, early = 0, rewritten = 0;
        foreach (var change in batch.Changes)
        {
            if (change.At > latest)
            {
                future++;
                continue;
            }

            if (change.At < earliest)
            {
                early++;
                continue;
            }

            if (change.Cause.Kind == CauseKind.Portal)
            {
                var confirmed = sent.Confirm(host, change.Cause, change.At) ?? ChangeCause.External;
                if (confirmed != change.Cause)
                {
                    rewritten++;
                    logger.LogWarning(
                        "Host {Host}: the agent attributed {Change} {Table}/{Chain} at {At:O} to intent {Intent} of {User}, which the server did not send then; recorded as {Cause}",
                        host, change.Change, change.Table, change.Chain, change.At, change.Cause.Intent, change.Cause.User, confirmed.Kind == CauseKind.Portal ? $"intent {confirmed.Intent} of {confirmed.User}" : WireName.Of(confirmed.Kind));
                    kept.Add(change with { Cause = confirmed });
                    continue;
                }
            }

            kept.Add(change);
        }

        if (future + early > 0)
        {
            logger.LogWarning(
                "Host {Host}: batch {Journal}/{Batch}: refused {Future} rows dated after {Latest:O} and {Early} dated before the host was registered ({Earliest:O}); stored the other {Kept}",
                host, batch.Journal, batch.Batch, future, latest, early, earliest + skew, kept.Count);
        }

        if (future + early + rewritten == 0 && batch.At <= latest && batch.At >= earliest)
        {
            return batch;
        }

        var at = batch.At > latest || batch.At < earliest ? (kept.Count > 0 ? kept.Max(c => c.At) : clock.GetUtcNow()) : batch.At;
        return batch with { At = at, Changes = kept };
    }

    private async Task<DateTimeOffset> RegisteredAsync(string host, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        var registered = await db.Hosts.Where(h => h.Name == host).Select(h => (DateTimeOffset?)h.Registered).SingleOrDefaultAsync(cancellationToken);
        // A host deleted while its agent was still connected: nothing it sends can be trusted to be its.
        return registered ?? DateTimeOffset.MaxValue;
    }
}
