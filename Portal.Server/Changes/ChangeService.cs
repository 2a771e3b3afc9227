using Portal.Contracts.Api;
using Portal.Contracts.Intents;
using Portal.Contracts.Model;
using Portal.Contracts.Plans;
using Portal.Contracts.PortalRules;
using Portal.Core.Plans;
using Portal.Core.PortalRules;
using Portal.Server.Intents;
using Portal.Server.Reachability;
using Portal.Server.Reconciling;
using Portal.Server.State;

namespace Portal.Server.Changes;

/// <summary>
/// Plans a change against the host's latest observed state, stores its intent as pending, runs the commands on the
/// agent and records the outcome. Everything after the dry-run answer happens under the host's lock, and once the
/// first command is sent the change runs to its end (or its undo) even if the caller goes away.
/// </summary>
public sealed class ChangeService(
    HostStateStore store,
    IntentStore intents,
    HostLocks locks,
    PlanExecutor executor,
    AgentCommander agents,
    SettleWindow settle,
    RepairBackoff backoff,
    ReachabilityModels models,
    IHostApplicationLifetime lifetime,
    ILogger<ChangeService> logger)
{
    public async Task<ChangeOutcome> ApplyAsync(ChangeRequest request, CancellationToken cancellationToken)
    {
        if (store.Get(request.Host) is not { } host)
        {
            return ChangeOutcome.Refused(PlanProblem.NotFound($"host '{request.Host}' not found"));
        }

        if (host.Snapshot is { } observed && FirewallRefusal.For(host.Name, observed) is { } unsupported)
        {
            return ChangeOutcome.Refused(unsupported);
        }

        if (request.DryRun)
        {
            return host.Snapshot is null ? ChangeOutcome.Offline(host.Name) : (await PlanAsync(request, host.Name, host.Snapshot, cancellationToken)).Outcome;
        }

        using var held = await locks.AcquireAsync(host.Name, cancellationToken);
        // Re-read under the lock: the change before this one may have moved the state on.
        host = store.Get(request.Host) ?? host;
        if (host.Snapshot is not { } snapshot)
        {
            return ChangeOutcome.Offline(host.Name);
        }

        var planned = await PlanAsync(request, host.Name, snapshot, cancellationToken);
        if (planned.Change is not { Plan: { } plan } change)
        {
            return planned.Outcome;
        }

        if (!agents.IsOnline(host.Name))
        {
            return ChangeOutcome.Offline(host.Name);
        }

        var stopping = lifetime.ApplicationStopping;
        IntentRecord? record = null;
        if (request.Retry is { } retry)
        {
            backoff.Reset(retry);
            record = await intents.SetStatusAsync(retry, IntentStatus.Pending, null, stopping);
        }
        else if (planned.Spec is { } spec)
        {
            record = await intents.AddAsync(host.Name, spec, request.User, stopping);
        }

        var attributed = record?.Id ?? planned.Ended.FirstOrDefault()?.Id ?? 0;
        var sequenceBefore = store.Get(host.Name)?.Sequence ?? snapshot.Sequence;
        var result = await executor.RunAsync(host.Name, change.Commands, attributed, request.User, snapshot, planned.PortalBefore, stopping);
        settle.Changed(host.Name, store.Get(host.Name)?.Sequence ?? snapshot.Sequence);
        if (!result.Succeeded)
        {
            if (record is not null)
            {
                await intents.SetStatusAsync(record.Id, IntentStatus.Failed, result.Error, stopping);
            }

            logger.LogWarning("Host {Host}: change '{Summary}' by {User} failed ({Status}): {Error}", host.Name, plan.Summary, request.User, result.Status, result.Error);
            return ChangeOutcome.Failed(result);
        }

        if (record is not null)
        {
            record = await intents.SetStatusAsync(record.Id, IntentStatus.Applied, null, stopping);
        }

        await AwaitObservedAsync(host.Name, sequenceBefore, cancellationToken);
        var ended = await intents.RemoveAsync(planned.Ended.Select(i => i.Id), stopping);
        logger.LogInformation("Host {Host}: applied '{Summary}' for {User} (intent {Intent})", host.Name, plan.Summary, request.User, attributed);
        // A removal answers with the intent it ended (null when what it removed was made outside the portal).
        var view = record?.ToView() ?? (ended.Count > 0 ? ended[0].ToView() with { Status = IntentStatus.Removed } : null);
        return ChangeOutcome.Ok(new ChangeResponse(view, plan));
    }

    /// <summary>
    /// Read-your-writes: answer once the agent has reported a state newer than the one before the change (bounded), so
    /// a request that builds on this one (ICC of the network just created) is planned against a state that holds it.
    /// </summary>
    private async Task AwaitObservedAsync(string host, long sequenceBefore, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + ObservedWait;
        while (DateTime.UtcNow < deadline && (store.Get(host)?.Sequence ?? long.MaxValue) <= sequenceBefore)
        {
            await Task.Delay(20, cancellationToken);
        }
    }

    private static readonly TimeSpan ObservedWait = TimeSpan.FromSeconds(3);

    private async Task<Planned> PlanAsync(ChangeRequest request, string host, HostSnapshot snapshot, CancellationToken cancellationToken)
    {
        var state = new Core.Plans.HostState(snapshot);
        // Failed intents want nothing of the host until they are retried: the reconciler leaves them out the same way.
        var standing = (await intents.ActiveAsync(host, cancellationToken))
            .Where(i => i.Status != IntentStatus.Failed && i.Id != request.Retry)
            .ToList();
        var spec = request.Intent?.Invoke(state);
        var ended = request.Ends is null ? [] : standing.Where(i => request.Ends(i.Spec)).ToList();
        var kept = standing.Except(ended).Select(i => i.Spec).ToList();
        if (spec is not null)
        {
            kept.Add(spec);
        }

        var portal = PortalChainChange.Between(standing.Select(i => i.Spec), kept, snapshot, request.Predict?.Invoke(snapshot));
        var change = request.Plan(new ChangePlanning(state, portal, standing.Select(i => i.Spec).ToList()));
        if (change.Problem is { } problem)
        {
            return new Planned(ChangeOutcome.Refused(problem), null, null, [], portal.Before);
        }

        change = change with { Plan = Explain(change.Plan!, snapshot, request) };
        return new Planned(ChangeOutcome.Ok(new ChangeResponse(null, change.Plan!)), change, spec, ended, portal.Before);
    }

    /// <summary>
    /// The plan with the pairs it makes reachable or unreachable. The explanation never stands in a change's way: should
    /// the walk fail, the plan goes without it (Reachability null) and the failure is logged.
    /// </summary>
    private Plan Explain(Plan plan, HostSnapshot snapshot, ChangeRequest request)
    {
        try
        {
            var after = (request.After ?? request.Predict)?.Invoke(snapshot);
            return plan.WithReachability(snapshot, after, models.For(snapshot));
        }
        catch (Exception e) when (e is InvalidOperationException or ArgumentException or FormatException or KeyNotFoundException)
        {
            logger.LogWarning(e, "Host {Host}: the reachability of '{Summary}' could not be worked out", snapshot.Host, plan.Summary);
            return plan;
        }
    }

    private sealed record Planned(
        ChangeOutcome Outcome, PlannedChange? Change, IntentSpec? Spec, IReadOnlyList<IntentRecord> Ended, PortalRuleSet PortalBefore);
}
