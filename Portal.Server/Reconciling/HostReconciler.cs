using System.Collections.Concurrent;
using Portal.Contracts.Commands;
using Portal.Contracts.Intents;
using Portal.Contracts.PortalRules;
using Portal.Core.Reconcile;
using Portal.Server.Changes;
using Portal.Server.Cluster;
using Portal.Server.Intents;
using Portal.Server.State;

namespace Portal.Server.Reconciling;

/// <summary>
/// One reconciliation pass over one host: judge every standing intent against the latest observed state, record the
/// verdicts, and run the repairs (per intent, then the host-wide chain rewrite and stale rule removal) under the host's
/// lock, as the user "reconciler", within the limits of <see cref="RepairBackoff"/>.
/// </summary>
/// <remarks>
/// Among replicas, a host is reconciled by the one its agent is connected to (its state arrives there first, and its
/// backoffs live there); a host whose agent is elsewhere is skipped. The host's lock is the database's advisory lock
/// on PostgreSQL, so exactly one replica judges and repairs a host at a time, also while an agent moves between
/// replicas; a pass that finds it held by another replica runs again <see cref="Busy"/> later.
/// </remarks>
public sealed class HostReconciler(
    HostStateStore store,
    IntentStore intents,
    HostLocks locks,
    PlanExecutor executor,
    AgentCommander agents,
    SettleWindow settle,
    RepairBackoff backoff,
    WrittenChains written,
    RemoteAgents remote,
    ILogger<HostReconciler> logger)
{
    public const string User = "reconciler";

    /// <summary>How long a pass waits when another replica holds the host's lock.</summary>
    public static readonly TimeSpan Busy = TimeSpan.FromSeconds(1);

    private readonly ConcurrentDictionary<string, long> _passes = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Completed passes per host: lets tests wait for the reconciler instead of sleeping.</summary>
    public long Passes(string host) => _passes.GetValueOrDefault(host);

    /// <summary>
    /// Runs a pass; returns when the next one is due when the host's state has not settled yet (firm), or when a repair
    /// the pass found needed was held back (it runs when the wait ends, not at the next tick).
    /// </summary>
    public async Task<NextPass?> RunAsync(string host, CancellationToken cancellationToken)
    {
        if (store.Get(host) is not { Snapshot: not null } current || remote.HeldElsewhere(host))
        {
            return null;
        }

        using (var held = await locks.TryAcquireAsync(current.Name, cancellationToken))
        {
            if (held is null)
            {
                return NextPass.Settling(Busy);
            }

            // Checked under the lock: a change that ran while this pass waited for it has just opened a window.
            var sequence = store.Get(current.Name)?.Sequence ?? current.Sequence;
            if (settle.Remaining(current.Name, sequence) is { } wait)
            {
                return NextPass.Settling(wait);
            }

            var heldBack = await PassAsync(current.Name, cancellationToken);
            _passes.AddOrUpdate(current.Name, 1, (_, n) => n + 1);
            return heldBack is { } after ? NextPass.HeldBack(after) : null;
        }
    }

    /// <summary>One judgement and its repairs; returns the shortest wait of a repair its backoff held back.</summary>
    private async Task<TimeSpan?> PassAsync(string host, CancellationToken cancellationToken)
    {
        if (store.Get(host) is not { Snapshot: { } snapshot } state)
        {
            return null;
        }

        TimeSpan? heldBack = null;

        var standing = (await intents.ActiveAsync(host, cancellationToken)).Where(i => i.Status != IntentStatus.Failed).ToList();
        var byId = standing.ToDictionary(i => i.Id);
        var found = Reconciler.Evaluate(standing.Select(i => i.ToStored()).ToList(), snapshot);
        var portalNow = found.DesiredChain;
        var online = state.Online && agents.IsOnline(host);
        var repaired = false;
        foreach (var verdict in found.Intents)
        {
            var record = byId[verdict.Intent];
            if (verdict.Status == IntentStatus.Applied)
            {
                backoff.Reset(record.Id);
                await intents.SetStatusAsync(record.Id, IntentStatus.Applied, null, cancellationToken);
                continue;
            }

            if (verdict.Repair is not { Commands.Count: > 0 } repair || !online)
            {
                await intents.SetStatusAsync(record.Id, verdict.Status, verdict.Reason, cancellationToken);
                continue;
            }

            var key = RepairBackoff.Key(record.Id);
            if (backoff.Remaining(key) is { } wait)
            {
                // The last attempt already recorded the drift and why its repair failed; keep that until the next try.
                heldBack = Shorter(heldBack, wait);
                continue;
            }

            backoff.Tried(key);
            logger.LogInformation("Host {Host}: repairing intent {Intent} ({Detail}): {Reason}", host, record.Id, record.Spec.Describe(), verdict.Reason);
            await intents.SetStatusAsync(record.Id, IntentStatus.Drifted, verdict.Reason + "; repairing", cancellationToken);
            var result = await executor.RunAsync(host, repair.Commands, record.Id, User, snapshot, portalNow, cancellationToken);
            repaired = true;
            if (result.Succeeded)
            {
                backoff.Succeeded(key);
                logger.LogInformation("Host {Host}: repaired intent {Intent}", host, record.Id);
                await intents.SetStatusAsync(record.Id, IntentStatus.Applied, null, cancellationToken);
                continue;
            }

            var failures = backoff.Failed(key);
            logger.LogWarning("Host {Host}: repair {Failures} of intent {Intent} failed ({Status}): {Error}", host, failures, record.Id, result.Status, result.Error);
            await intents.SetStatusAsync(
                record.Id,
                failures >= RepairBackoff.MaxFailures ? IntentStatus.Failed : IntentStatus.Drifted,
                failures >= RepairBackoff.MaxFailures
                    ? $"{verdict.Reason}; {failures} repairs failed, the last with: {result.Error}"
                    : $"{verdict.Reason}; repair failed: {result.Error}",
                cancellationToken);
        }

        if (online)
        {
            var (any, wait) = await RepairHostAsync(host, found.HostRepairs, snapshot, portalNow, cancellationToken);
            repaired |= any;
            heldBack = wait is { } w ? Shorter(heldBack, w) : heldBack;
        }

        if (repaired)
        {
            settle.Changed(host, store.Get(host)?.Sequence ?? snapshot.Sequence);
        }

        return heldBack;
    }

    private static TimeSpan Shorter(TimeSpan? a, TimeSpan b) => a is { } x && x < b ? x : b;

    private async Task<(bool Any, TimeSpan? HeldBack)> RepairHostAsync(
        string host, IReadOnlyList<AgentCommand> repairs, Contracts.Model.HostSnapshot snapshot, PortalRuleSet portalNow, CancellationToken cancellationToken)
    {
        var any = false;
        TimeSpan? heldBack = null;
        foreach (var repair in repairs)
        {
            var kind = repair switch { ApplyPortalRulesCommand => "portal-chain", ApplyAddressesCommand => "addresses", _ => "stale-link-rules" };
            var key = RepairBackoff.HostKey(host, kind);
            if (repair is ApplyPortalRulesCommand apply && written.Trusted(host, apply.Rules) is { } lag)
            {
                // Exactly this chain was written a moment ago: the report that lacks it most likely predates the write.
                heldBack = Shorter(heldBack, lag);
                continue;
            }

            if (backoff.Remaining(key) is { } wait)
            {
                // Ten seconds after its last attempt at most: a second drift soon after a repair is repaired then.
                heldBack = Shorter(heldBack, wait);
                continue;
            }

            backoff.Tried(key);
            any = true;
            logger.LogInformation("Host {Host}: repairing {Repair}", host, kind switch { "portal-chain" => $"the portal chain {PortalRuleSet.Chain}", "addresses" => "the public addresses", _ => "Docker's stale link rules" });
            var result = await executor.RunAsync(host, [repair], 0, User, snapshot, portalNow, cancellationToken);
            if (result.Succeeded)
            {
                backoff.Succeeded(key);
            }
            else
            {
                backoff.Failed(key);
                logger.LogWarning("Host {Host}: repairing {Repair} failed ({Status}): {Error}", host, kind, result.Status, result.Error);
            }
        }

        return (any, heldBack);
    }
}
