using Docker.DotNet;
using Microsoft.Extensions.Logging;
using Portal.Contracts.Agent;
using Portal.Core.Iptables;
using Portal.Core.Ownership;
using Portal.Core.RuleShapes;
using Portal.Host.Audit;
using Portal.Host.Cli;
using Portal.Host.Commands;
using Portal.Host.Docker;
using Portal.Host.Iptables;
using Portal.Host.Outbox;
using Portal.Host.Resilience;
using Portal.Host.Snapshot;

namespace Portal.Host.Agent;

/// <summary>
/// The one consumer of the <see cref="AgentInbox"/>: it alone owns the observed state. Once the server has named the
/// host it reads the first rules, opens the rule history and starts the watchers (<see cref="AgentSession"/>); then, a
/// round at a time, it re-reads what changed, records the rule transitions in the history, folds them into the state
/// and sends it (<see cref="HostStateFeed"/>).
/// </summary>
public sealed class ObservationWorker(
    AgentOptions options,
    AgentSession session,
    AgentInbox inbox,
    AgentConnection connection,
    HostStateFeed feed,
    ObservedSnapshot observed,
    IDockerClient docker,
    IptablesBackend backend,
    ActiveCommands activeCommands,
    AgentRetry retry,
    ILoggerFactory loggers,
    AgentExit exit) : AgentPart(exit)
{
    // Short: a lone rule change (already debounced 20 ms by the watcher) should not wait; bursts still merge.
    private static readonly TimeSpan Coalesce = TimeSpan.FromMilliseconds(15);

    private readonly ILogger _logger = loggers.CreateLogger("Portal.Host.Agent");
    private HostObservation? _current;

    protected override string Part => "the observation worker";

    protected override async Task RunAsync(CancellationToken stoppingToken)
    {
        var host = await session.IdentifiedAsync(stoppingToken);
        var iptables = new IptablesReader(backend);
        var assembler = new SnapshotAssembler(host, docker, iptables, _logger);
        var ruleset = await iptables.ReadAsync(stoppingToken);
        _logger.LogInformation("Agent for host {Host}: docker {Docker}, iptables {Backend}", host, options.Docker, backend.Name);
        var history = await OpenHistoryAsync(host, stoppingToken);
        session.Started(new AgentStart(host, ruleset, history));

        // History and the first snapshot both start from the rules the watcher starts from, so that the batches that
        // follow chain onto them without a gap or an overlap.
        _current = await ObserveAsync(assembler, ruleset, null, true, stoppingToken);
        observed.Current = _current?.Snapshot;
        await history.StartAsync(ruleset, _current?.Snapshot, stoppingToken);
        while (true)
        {
            var round = await inbox.ReadRoundAsync(Coalesce, stoppingToken);
            if (round.Observations.Count > 0)
            {
                ruleset = round.Observations[^1].After;
            }

            var previous = _current;
            var next = await ObserveAsync(assembler, ruleset, previous, round.Refresh || previous is null, stoppingToken);

            // History is recorded whether or not the engine could be read (owners then come from the last view).
            var transitions = history.Attribute(round.Observations, previous?.Snapshot, next?.Snapshot);
            if (next is not null)
            {
                _current = next;
                observed.Current = next.Snapshot;
                if (previous is not null)
                {
                    await feed.SendDeltaAsync(previous.Snapshot, next.Snapshot, transitions.Sum(t => t.Changes.Count), stoppingToken);
                }
            }

            // After the live delta: the outbox's fsync must not delay what the pages show. A kill before the write
            // loses nothing: the start-up diff finds the change against the recorded rules.
            await history.AppendAsync(transitions, stoppingToken);

            if (round.SnapshotReason is not null || (feed.SnapshotOwed && connection.IsConnected))
            {
                await feed.SendSnapshotAsync(_current, round.SnapshotReason ?? "owed", history.Covered, stoppingToken);
                history.Wake();
            }
        }
    }

    private async Task<RuleHistoryRecorder> OpenHistoryAsync(string host, CancellationToken cancellationToken)
    {
        var state = await StateFolder.OpenAsync(StateFolder.Resolve(options.State, host), _logger, cancellationToken);
        var outbox = await RuleOutbox.OpenAsync(state, host, _logger, cancellationToken);
        var daemon = DockerDaemonClock.For(options.Docker);
        var sender = new OutboxSender(
            outbox,
            (batch, ct) => connection.InvokeAsync(AgentHubMethods.RuleChanges, batch, ct),
            () => connection.IsConnected,
            daemon.Started,
            retry,
            _logger);
        return new RuleHistoryRecorder(outbox, sender, new EngineEventLog(), new CommandWindowsAdapter(activeCommands.Windows), daemon.Started, _logger);
    }

    private async Task<HostObservation?> ObserveAsync(
        SnapshotAssembler assembler,
        Ruleset ruleset,
        HostObservation? previous,
        bool readEngine,
        CancellationToken cancellationToken)
    {
        try
        {
            if (readEngine || previous is null)
            {
                return await assembler.ReadAsync(feed.Sequence, ruleset, cancellationToken);
            }
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            _logger.LogWarning("{Error}; keeping the last observation", e.Message);
            if (previous is null)
            {
                return null;
            }
        }

        // Only the rules moved (or the engine is unreachable): re-own the new rules against the last engine view.
        var snapshot = previous!.Snapshot;
        var rules = RuleOwnership.Resolve(ruleset, snapshot.Bridges, snapshot.Containers, RuleShapeCatalogue.ForDockerVersion(snapshot.DockerVersion));
        return previous with { Snapshot = snapshot with { Rules = rules, Policies = ChainPolicies.Of(ruleset), TakenAt = DateTimeOffset.UtcNow }, Ruleset = ruleset };
    }
}
