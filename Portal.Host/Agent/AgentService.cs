using System.Threading.Channels;
using Docker.DotNet;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Portal.Contracts.Agent;
using Portal.Contracts.Commands;
using Portal.Contracts.Model;
using Portal.Core.Ownership;
using Portal.Core.State;
using Portal.Host.Audit;
using Portal.Host.Cli;
using Portal.Host.Commands;
using Portal.Host.Docker;
using Portal.Host.Iptables;
using Portal.Host.Netlink;
using Portal.Host.Outbox;
using Portal.Host.Snapshot;

namespace Portal.Host.Agent;

/// <summary>
/// <c>Portal.Host run</c>: watches the engine, the kernel's links and the rules, and keeps the server informed
/// over SignalR: a snapshot on every (re)connect and on request, then one delta per change with the sequence
/// growing by exactly one. A single worker owns the observed state, so deltas are built and sent in order.
/// Apart from that live state, every rule transition is recorded as a batch of history in the on-disk outbox
/// (<see cref="RuleHistoryRecorder"/>), which its own sender delivers and the server acknowledges.
/// </summary>
public sealed class AgentService(AgentOptions options, ILoggerFactory loggers)
{
    // Short: a lone rule change (already debounced 20 ms by the watcher) should not wait; bursts still merge.
    private static readonly TimeSpan Coalesce = TimeSpan.FromMilliseconds(15);

    /// <summary>How long a stop waits for the parts to end (they end on cancellation, within milliseconds).</summary>
    private static readonly TimeSpan WindDown = TimeSpan.FromSeconds(5);

    private readonly ILogger _logger = loggers.CreateLogger("Portal.Host.Agent");
    private readonly Channel<AgentWork> _work = Channel.CreateUnbounded<AgentWork>();
    private readonly EngineEventLog _engineEvents = new();

    /// <summary>Commands being applied: their windows attribute rule changes to the portal.</summary>
    private readonly ActiveCommands _activeCommands = new();
    private readonly HostIdentity _identity = new(options.Host);
    private readonly SemaphoreSlim _closed = new(0);
    private readonly TaskCompletionSource _refused = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private Exception? _closedBy;
    private HostObservation? _current;
    private long _sequence;
    private bool _snapshotOwed = true;

    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        using var docker = DockerClientFactory.Create(options.Docker);
        var backend = await IptablesBackend.DetectAsync(cancellationToken);
        var iptables = new IptablesReader(backend);
        Portal.Host.Hosts.PortalOwnSecrets.Remember(options.Token);
        await using var connection = BuildConnection(new CommandExecutor(docker, backend, _activeCommands, loggers.CreateLogger("Portal.Host.Commands")));

        // The server names the host (from the token); the snapshot, the history and the state folder all carry that name.
        var host = await IdentifyAsync(connection, cancellationToken);
        var assembler = new SnapshotAssembler(host, docker, iptables, _logger);
        var initialRules = await iptables.ReadAsync(cancellationToken);
        _logger.LogInformation("Agent for host {Host}: docker {Docker}, iptables {Backend}", host, options.Docker, backend.Name);
        var history = await OpenHistoryAsync(connection, host, cancellationToken);
        var watcher = new RuleWatcher(iptables, _logger);
        var events = new DockerEventStream(docker, _logger);
        var links = new LinkMonitor(_logger);

        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var parts = new[]
        {
            WorkAsync(assembler, initialRules, connection, history, stop.Token),
            history.RunSenderAsync(stop.Token),
            watcher.RunAsync(initialRules, (o, _) => Post(new AgentWork.Rules(o)), stop.Token),
            events.RunAsync(e => OnDockerEvent(e, history), _ => Post(new AgentWork.Refresh("engine (re)connected")), stop.Token),
            links.RunAsync(e => Post(new AgentWork.Refresh(e is null ? "link events lost" : $"link {e.Link.Name}")), stop.Token),
            ConnectAsync(connection, stop.Token),
        };
        // Every part runs until cancelled; one that ends early would leave a half-blind agent, so end the
        // process instead (with its error) and let the supervisor start a whole one.
        var finished = await Task.WhenAny([.. parts, _refused.Task]);

        // Whatever ended it, the other parts wind down before the process goes: the rule watcher kills its
        // xtables-monitor child, the outbox finishes the batch it is writing.
        await stop.CancelAsync();
        await WindDownAsync(parts);
        cancellationToken.ThrowIfCancellationRequested();
        await finished;
        throw new InvalidOperationException("a part of the agent stopped unexpectedly");
    }

    private async Task WindDownAsync(Task[] parts)
    {
        var all = Task.WhenAll(parts);
        if (await Task.WhenAny(all, Task.Delay(WindDown)) != all)
        {
            _logger.LogWarning("Parts of the agent still running {Seconds} s after the stop", WindDown.TotalSeconds);
        }
    }

    private async Task<RuleHistoryRecorder> OpenHistoryAsync(HubConnection connection, string host, CancellationToken cancellationToken)
    {
        var state = await StateFolder.OpenAsync(StateFolder.Resolve(options.State, host), _logger, cancellationToken);
        var outbox = await RuleOutbox.OpenAsync(state, host, _logger, cancellationToken);
        var daemon = DockerDaemonClock.For(options.Docker);
        var sender = new OutboxSender(
            outbox,
            (batch, ct) => connection.InvokeAsync(AgentHubMethods.RuleChanges, batch, ct),
            () => connection.State == HubConnectionState.Connected,
            daemon.Started,
            _logger);
        return new RuleHistoryRecorder(outbox, sender, _engineEvents, new CommandWindowsAdapter(_activeCommands.Windows), daemon.Started, _logger);
    }

    private HubConnection BuildConnection(CommandExecutor executor)
    {
        var url = new Uri(options.Server!, AgentHubMethods.Path);
        var connection = new HubConnectionBuilder()
            .WithUrl(url, o => ConfigureTransport(o))
            .WithAutomaticReconnect(new ForeverRetryPolicy())
            .AddJsonProtocol(o => o.PayloadSerializerOptions = Portal.Contracts.Wire.WireJson.Payload)
            .Build();

        var execute = new ExecuteHandler(_logger, executor);
        connection.On<AgentCommandEnvelope, CommandResult>(AgentHubMethods.Execute, execute.ExecuteAsync);
        connection.On(AgentHubMethods.RequestSnapshot, () => Post(new AgentWork.SendSnapshot("server asked")));
        connection.Reconnecting += e =>
        {
            _logger.LogWarning("Lost the server ({Error}); reconnecting", e?.Message);
            return Task.CompletedTask;
        };
        connection.Reconnected += connectionId =>
        {
            // Not awaited: the reconnect loop runs this handler, and the hello must not hold it up.
            _ = ConfirmAgainAsync(connection);
            return Task.CompletedTask;
        };
        connection.Closed += e =>
        {
            _closedBy = e;
            _closed.Release();
            return Task.CompletedTask;
        };
        return connection;
    }

    /// <summary>
    /// The token goes in the Authorization header on every transport (never in a URL, where proxies and logs keep it),
    /// and a private CA, when given, judges the server's certificate for both the HTTP requests and the WebSocket.
    /// </summary>
    private void ConfigureTransport(Microsoft.AspNetCore.Http.Connections.Client.HttpConnectionOptions transport)
    {
        transport.Headers["Authorization"] = "Bearer " + options.Token;
        if (options.Trust is { } trust)
        {
            transport.HttpMessageHandlerFactory = handler =>
            {
                if (handler is HttpClientHandler http)
                {
                    http.ServerCertificateCustomValidationCallback = (request, certificate, chain, errors) => trust.Validate(request, certificate, chain, errors);
                }

                return handler;
            };
            transport.WebSocketConfiguration = socket => socket.RemoteCertificateValidationCallback = trust.Validate;
        }
    }

    /// <summary>Connects (retrying like any later connect) until the server has said which host the token is for.</summary>
    private async Task<string> IdentifyAsync(HubConnection connection, CancellationToken cancellationToken)
    {
        var retry = new ForeverRetryPolicy();
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                await connection.StartAsync(cancellationToken);
                return await _identity.ConfirmAsync(connection, cancellationToken);
            }
            catch (AgentRefusedException)
            {
                throw;
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                throw;
            }
            catch (Exception e)
            {
                await connection.StopAsync(CancellationToken.None);
                var delay = retry.NextRetryDelay(new RetryContext { PreviousRetryCount = attempt }) ?? TimeSpan.FromSeconds(10);
                _logger.LogWarning("Failed connecting to {Server}: {Error}; retrying in {Delay} s", options.Server, e.Message, delay.TotalSeconds);
                await Task.Delay(delay + TimeSpan.FromMilliseconds(500), cancellationToken);
            }
        }
    }

    /// <summary>After an automatic reconnect: hello again, then the snapshot; a refusal stops the agent.</summary>
    private async Task ConfirmAgainAsync(HubConnection connection)
    {
        try
        {
            await _identity.ConfirmAsync(connection, CancellationToken.None);
            await Post(new AgentWork.SendSnapshot("reconnected"));
        }
        catch (AgentRefusedException e)
        {
            _refused.TrySetException(e);
        }
        catch (Exception e)
        {
            // The connection went again; the reconnect that follows says hello again.
            _logger.LogWarning("Hello after reconnecting failed: {Error}", e.Message);
        }
    }

    /// <summary>Starts on the connection <see cref="IdentifyAsync"/> opened; after that, automatic reconnect (forever)
    /// takes over, and a connection that closes anyway is started again here, with a hello first.</summary>
    private async Task ConnectAsync(HubConnection connection, CancellationToken cancellationToken)
    {
        var retry = new ForeverRetryPolicy();
        var attempt = 0;
        var started = true;
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                if (!started)
                {
                    await connection.StartAsync(cancellationToken);
                    await _identity.ConfirmAsync(connection, cancellationToken);
                }

                started = false;
                _logger.LogInformation("Connected to {Server}", options.Server);
                var connectedAt = DateTimeOffset.UtcNow;
                await Post(new AgentWork.SendSnapshot("connected"));
                // A close signalled by an earlier, stopped connection is not this one's.
                do
                {
                    await _closed.WaitAsync(cancellationToken);
                }
                while (connection.State != HubConnectionState.Disconnected);

                // A server that drops us at once (a revoked token, a refused message) must not be hammered.
                attempt = DateTimeOffset.UtcNow - connectedAt > TimeSpan.FromSeconds(30) ? 0 : attempt + 1;
                var wait = retry.NextRetryDelay(new RetryContext { PreviousRetryCount = attempt }) ?? TimeSpan.FromSeconds(10);
                _logger.LogWarning("Connection to the server closed ({Error}); connecting again in {Delay} s", _closedBy?.Message ?? "by the server", wait.TotalSeconds);
                await Task.Delay(wait, cancellationToken);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (AgentRefusedException)
            {
                throw;
            }
            catch (Exception e)
            {
                started = false;
                if (connection.State != HubConnectionState.Disconnected)
                {
                    await connection.StopAsync(CancellationToken.None);
                }

                var delay = retry.NextRetryDelay(new RetryContext { PreviousRetryCount = attempt++ }) ?? TimeSpan.FromSeconds(10);
                _logger.LogWarning("Failed connecting to {Server}: {Error}; retrying in {Delay} s", options.Server, e.Message, delay.TotalSeconds);
                await Task.Delay(delay + TimeSpan.FromMilliseconds(500), cancellationToken);
            }
        }
    }

    private void OnDockerEvent(DockerEvent dockerEvent, RuleHistoryRecorder history)
    {
        history.OnDockerEvent(dockerEvent);
        _ = Post(new AgentWork.Refresh($"{dockerEvent.Type} {dockerEvent.Action} {dockerEvent.Name ?? dockerEvent.ActorId}"));
    }

    private Task Post(AgentWork work)
    {
        _work.Writer.TryWrite(work);
        return Task.CompletedTask;
    }

    private async Task WorkAsync(
        SnapshotAssembler assembler,
        Portal.Core.Iptables.Ruleset initialRules,
        HubConnection connection,
        RuleHistoryRecorder history,
        CancellationToken cancellationToken)
    {
        var ruleset = initialRules;

        // History and the first snapshot both start from the rules the watcher starts from, so that the batches that
        // follow chain onto them without a gap or an overlap.
        _current = await ObserveAsync(assembler, ruleset, null, true, cancellationToken);
        await history.StartAsync(initialRules, _current?.Snapshot, cancellationToken);
        while (await _work.Reader.WaitToReadAsync(cancellationToken))
        {
            // Coalesce a burst (a container start is a dozen events and rule transactions) into one delta.
            await Task.Delay(Coalesce, cancellationToken);
            var refresh = false;
            var snapshotReason = (string?)null;
            var observations = new List<RuleObservation>();
            while (_work.Reader.TryRead(out var item))
            {
                switch (item)
                {
                    case AgentWork.Refresh:
                        refresh = true;
                        break;
                    case AgentWork.Rules r:
                        observations.Add(r.Observation);
                        break;
                    case AgentWork.SendSnapshot s:
                        snapshotReason = s.Reason;
                        break;
                }
            }

            if (observations.Count > 0)
            {
                ruleset = observations[^1].After;
            }

            var previous = _current;
            var next = await ObserveAsync(assembler, ruleset, previous, refresh || previous is null, cancellationToken);

            // History is recorded whether or not the engine could be read (owners then come from the last view).
            var transitions = history.Attribute(observations, previous?.Snapshot, next?.Snapshot);
            if (next is not null)
            {
                _current = next;
                if (previous is not null)
                {
                    var changes = transitions.SelectMany(t => t.Changes).ToList();
                    await SendDeltaAsync(connection, previous.Snapshot, next.Snapshot, changes, cancellationToken);
                }
            }

            // After the live delta: the outbox's fsync must not delay what the pages show. A kill before the write
            // loses nothing: the start-up diff finds the change against the recorded rules.
            await history.AppendAsync(transitions, cancellationToken);

            if (snapshotReason is not null || (_snapshotOwed && connection.State == HubConnectionState.Connected))
            {
                await SendSnapshotAsync(connection, snapshotReason ?? "owed", history.Covered, cancellationToken);
                history.Wake();
            }
        }
    }

    private async Task<HostObservation?> ObserveAsync(
        SnapshotAssembler assembler,
        Portal.Core.Iptables.Ruleset ruleset,
        HostObservation? previous,
        bool readEngine,
        CancellationToken cancellationToken)
    {
        try
        {
            if (readEngine || previous is null)
            {
                return await assembler.ReadAsync(_sequence, ruleset, cancellationToken);
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
        var rules = RuleOwnership.Resolve(ruleset, snapshot.Bridges, snapshot.Containers);
        return previous with { Snapshot = snapshot with { Rules = rules, TakenAt = DateTimeOffset.UtcNow }, Ruleset = ruleset };
    }

    private async Task SendDeltaAsync(HubConnection connection, HostSnapshot before, HostSnapshot after, List<RuleChange> changes, CancellationToken cancellationToken)
    {
        if (_snapshotOwed || connection.State != HubConnectionState.Connected)
        {
            // The next snapshot carries the state (rule history travels apart, through the outbox).
            _snapshotOwed = true;
            return;
        }

        if (before.DeltaTo(after, _sequence + 1) is not { } delta)
        {
            return;
        }

        _sequence++;
        try
        {
            await connection.InvokeAsync(AgentHubMethods.Delta, delta, cancellationToken);
            _logger.LogDebug("Sent delta {Sequence} ({Changes} rule changes)", delta.Sequence, changes.Count);
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            _logger.LogWarning("Failed sending delta {Sequence}: {Error}; a snapshot follows on reconnect", delta.Sequence, e.Message);
            _snapshotOwed = true;
        }
    }

    private async Task SendSnapshotAsync(HubConnection connection, string reason, (Guid Journal, long Batch) covered, CancellationToken cancellationToken)
    {
        if (_current is null || connection.State != HubConnectionState.Connected)
        {
            _snapshotOwed = true;
            return;
        }

        try
        {
            // Batches are written before this point in the loop, so the rules sent include every batch numbered so far.
            var snapshot = _current.Snapshot with
            {
                Sequence = _sequence,
                TakenAt = DateTimeOffset.UtcNow,
                RulesJournal = covered.Journal,
                RulesBatch = covered.Batch,
            };
            await connection.InvokeAsync(AgentHubMethods.Snapshot, snapshot, cancellationToken);
            _snapshotOwed = false;
            _logger.LogInformation("Sent snapshot {Sequence} ({Reason})", snapshot.Sequence, reason);
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            _logger.LogWarning("Failed sending the snapshot: {Error}", e.Message);
            _snapshotOwed = true;
        }
    }
}
