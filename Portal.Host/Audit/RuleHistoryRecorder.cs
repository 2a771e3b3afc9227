using Microsoft.Extensions.Logging;
using Portal.Contracts.Model;
using Portal.Core.Iptables;
using Portal.Core.Ownership;
using Portal.Host.Docker;
using Portal.Host.Iptables;
using Portal.Host.Outbox;

namespace Portal.Host.Audit;

/// <summary>
/// The agent's rule history: every observed transition of the nat and filter rules becomes one attributed
/// <see cref="RuleChangeBatch"/> in the outbox, and on start what changed while the agent was away becomes one more.
/// History is a chain: it starts from the rules the watcher starts from, and each batch goes from one read to the next,
/// so replaying the batches over the first rules gives the host's rules at every step.
/// </summary>
public sealed class RuleHistoryRecorder(
    RuleOutbox outbox,
    OutboxSender sender,
    EngineEventLog events,
    ICommandWindows commands,
    Func<DateTimeOffset?> dockerStarted,
    ILogger logger)
{
    public void OnDockerEvent(DockerEvent dockerEvent) => events.Add(dockerEvent);

    /// <summary>Lets the sender try now (connected, reconnected, a new batch).</summary>
    public void Wake() => sender.Wake();

    public Task RunSenderAsync(CancellationToken cancellationToken) => sender.RunAsync(cancellationToken);

    /// <summary>The journal and last batch that the rules observed so far include: stamped on every snapshot.</summary>
    public (Guid Journal, long Batch) Covered => (outbox.Journal, outbox.LastNumbered);

    /// <summary>
    /// Records the difference between the rules the history ends with and <paramref name="current"/>, the rules the
    /// watcher starts from. On a new state folder history simply starts at <paramref name="current"/>.
    /// </summary>
    public async Task<RuleChangeBatch?> StartAsync(Ruleset current, HostSnapshot? view, CancellationToken cancellationToken)
    {
        var started = dockerStarted();
        var recorded = await outbox.RecordedRulesAsync(cancellationToken);
        if (recorded is null || outbox.LoadedAcked is not { } acked)
        {
            await outbox.StartFromAsync(current, started, cancellationToken);
            logger.LogInformation("Rule history starts from the current rules (no earlier state in this folder)");
            sender.Wake();
            return null;
        }

        var restarted = StartupDiff.DockerRestarted(started, acked.DockerStarted, acked.At);
        var owners = new RuleOwnerResolver(view?.Bridges ?? [], view?.Containers ?? []);
        var now = DateTimeOffset.UtcNow;
        var changes = StartupDiff.Changes(recorded, current, owners, now, restarted);
        RuleChangeBatch? batch = null;
        if (changes.Count > 0)
        {
            batch = await outbox.AppendAsync(now, changes, cancellationToken);
            logger.LogInformation(
                "Rules changed while the agent was away: {Count} changes recorded as batch {Batch} ({Cause})",
                changes.Count, batch.Batch, restarted ? "dockerd restarted meanwhile" : "external");
        }

        sender.Wake();
        return batch;
    }

    /// <summary>
    /// Attributes the transitions seen in one round of the worker: removed rules are owned against the engine view
    /// before the round, added ones against the view after it. One resolver per view, asked only about changed rules.
    /// </summary>
    public IReadOnlyList<(RuleObservation Observation, IReadOnlyList<RuleChange> Changes)> Attribute(
        IReadOnlyList<RuleObservation> observations,
        HostSnapshot? before,
        HostSnapshot? after)
    {
        if (observations.Count == 0)
        {
            return [];
        }

        var view = after ?? before;
        if (view is not null)
        {
            events.Learn(view.Containers.Select(c => (c.Id, c.Name)));
        }

        var ownersBefore = new RuleOwnerResolver(before?.Bridges ?? view?.Bridges ?? [], before?.Containers ?? view?.Containers ?? []);
        var ownersAfter = new RuleOwnerResolver(view?.Bridges ?? [], view?.Containers ?? []);
        var recent = events.Recent();
        var result = new List<(RuleObservation, IReadOnlyList<RuleChange>)>();
        foreach (var observation in observations)
        {
            var windows = commands.Windows(observation.At);
            result.Add((observation, TransitionRecorder.Record(observation, ownersBefore, ownersAfter, recent, windows)));
        }

        return result;
    }

    /// <summary>Writes one batch per transition (durably, in order) and wakes the sender.</summary>
    public async Task AppendAsync(IReadOnlyList<(RuleObservation Observation, IReadOnlyList<RuleChange> Changes)> transitions, CancellationToken cancellationToken)
    {
        var appended = false;
        foreach (var (observation, changes) in transitions)
        {
            if (changes.Count == 0)
            {
                continue;
            }

            var batch = await outbox.AppendAsync(observation.At, changes, cancellationToken);
            logger.LogDebug("Recorded rule history batch {Batch}: {Count} changes", batch.Batch, changes.Count);
            appended = true;
        }

        if (appended)
        {
            sender.Wake();
        }
    }
}
