using System.Collections.Concurrent;
using System.Text.Json;
using Portal.Contracts.Model;
using Portal.Server.Agents;
using Portal.Server.Audit;
using Portal.Server.Live;
using Portal.Server.Reconciling;
using Portal.Server.Secrets;
using Portal.Server.State;
using StackExchange.Redis;

namespace Portal.Server.Cluster;

/// <summary>
/// The replicas' own channel on Redis (beside SignalR's backplane, which carries the hubs' messages). The replica that
/// holds a host's agent (its owner) ingests, persists and reconciles that host as a single server does, and publishes
/// each accepted change here; every other replica applies it to its own <see cref="HostStateStore"/>, so any replica
/// answers reads and plans changes from memory, and knows where to send a host's commands. Without
/// <c>Portal:Redis</c> every method is a no-op: one server, nothing to share.
/// </summary>
/// <remarks>
/// Redis pub/sub delivers a publisher's messages in order and at most once. A follower that sees a delta out of
/// sequence asks the owner for the host's whole state again; a replica that starts asks every owner for all of theirs;
/// a replica silent for <see cref="Silence"/> is taken as gone and its hosts offline until their agents reconnect
/// elsewhere. Browsers are never told twice: the owner's pushes reach them through the backplane.
/// </remarks>
public sealed class ClusterBus(
    IServiceProvider services,
    HostStateStore store,
    SecretVault vault,
    AgentConnections connections,
    RemoteAgents remote,
    SentCommands sent,
    SettleWindow settle,
    TimeProvider clock,
    ILogger<ClusterBus> logger) : BackgroundService
{
    public static readonly RedisChannel Channel = RedisChannel.Literal("portal:cluster");

    public static readonly TimeSpan BeatEvery = TimeSpan.FromSeconds(2);

    public static readonly TimeSpan Silence = TimeSpan.FromSeconds(8);

    private readonly IConnectionMultiplexer? _redis = services.GetService<IConnectionMultiplexer>();
    private readonly ConcurrentDictionary<string, DateTimeOffset> _replicas = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<Guid, SentCommands.Sent> _remoteCommands = new();

    /// <summary>This process among the replicas (unique per start).</summary>
    public string Replica { get; } = $"{Environment.MachineName}-{Guid.NewGuid():N}"[..(Environment.MachineName.Length + 13)];

    public bool Enabled => _redis is not null;

    // ---- the owner's side: what this replica tells the others ----

    /// <summary>The host's whole state, after a snapshot from its agent here (or answering a resync).</summary>
    public void StateReplaced(HostState state) => Publish(new ClusterMessage(ClusterMessageKinds.State, Replica, state.Name)
    {
        State = state,
        Connection = connections.ConnectionId(state.Name),
        Secrets = vault.Export(state.Name),
    });

    public void DeltaApplied(string host, HostDelta masked) => Publish(new ClusterMessage(ClusterMessageKinds.Delta, Replica, host)
    {
        Delta = masked,
        Secrets = masked.UpsertedContainers is { Count: > 0 } ? vault.Export(host) ?? string.Empty : null,
    });

    /// <summary>An agent connected here: it is no longer wherever it was before.</summary>
    public void Attached(string host, string connection)
    {
        remote.Clear(host);
        Publish(new ClusterMessage(ClusterMessageKinds.Attached, Replica, host) { Connection = connection });
    }

    public void OnlineChanged(string host, bool online) =>
        Publish(new ClusterMessage(ClusterMessageKinds.Online, Replica, host) { Online = online, Connection = connections.ConnectionId(host) });

    public void Refused(string host, string reason) => Publish(new ClusterMessage(ClusterMessageKinds.Refused, Replica, host) { Reason = reason });

    public void HostAdded(string host) => Publish(new ClusterMessage(ClusterMessageKinds.HostAdded, Replica, host));

    public void HostRemoved(string host) => Publish(new ClusterMessage(ClusterMessageKinds.HostRemoved, Replica, host));

    public void DropAgent(string host) => Publish(new ClusterMessage(ClusterMessageKinds.DropAgent, Replica, host));

    /// <summary>A command sent to a host's agent from here: every replica's <see cref="SentCommands"/> holds it, whichever receives the history.</summary>
    public Guid CommandSent(string host, long intent, string? user)
    {
        var id = Guid.NewGuid();
        Publish(new ClusterMessage(ClusterMessageKinds.CommandSent, Replica, host) { Command = id, Intent = intent, User = user, At = clock.GetUtcNow() });
        return id;
    }

    public void CommandAnswered(Guid id) =>
        Publish(new ClusterMessage(ClusterMessageKinds.CommandAnswered, Replica) { Command = id, At = clock.GetUtcNow() });

    public void Settled(string host, long sequence) => Publish(new ClusterMessage(ClusterMessageKinds.Settle, Replica, host) { Sequence = sequence });

    private void Publish(ClusterMessage message)
    {
        if (_redis is null)
        {
            return;
        }

        try
        {
            // Fire and forget keeps the order of this replica's messages and never holds up an agent's ingest.
            _redis.GetSubscriber().Publish(Channel, JsonSerializer.SerializeToUtf8Bytes(message, PortalJson.Options), CommandFlags.FireAndForget);
        }
        catch (RedisException e)
        {
            logger.LogWarning(e, "Could not publish {Kind} of host {Host} to the other replicas", message.Kind, message.Host);
        }
    }

    // ---- the followers' side ----

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (_redis is null)
        {
            return;
        }

        var queue = await _redis.GetSubscriber().SubscribeAsync(Channel);
        // One handler at a time, in the order Redis delivered: a host's deltas apply in sequence.
        queue.OnMessage(message => Receive(message.Message));
        settle.Announced += Settled;
        logger.LogInformation("Replica {Replica} joined the cluster on Redis", Replica);
        Publish(new ClusterMessage(ClusterMessageKinds.Resync, Replica, "*"));
        using var timer = new PeriodicTimer(BeatEvery, clock);
        try
        {
            do
            {
                Publish(new ClusterMessage(ClusterMessageKinds.Beat, Replica));
                ForgetSilentReplicas();
            }
            while (await timer.WaitForNextTickAsync(stoppingToken));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        finally
        {
            await queue.UnsubscribeAsync();
        }
    }

    private void Receive(RedisValue payload)
    {
        ClusterMessage? message;
        try
        {
            message = JsonSerializer.Deserialize<ClusterMessage>((byte[])payload!, PortalJson.Options);
        }
        catch (JsonException e)
        {
            logger.LogWarning(e, "Ignoring an unreadable cluster message");
            return;
        }

        if (message is null || message.Origin == Replica)
        {
            return;
        }

        _replicas[message.Origin] = clock.GetUtcNow();
        try
        {
            Apply(message);
        }
        catch (Exception e)
        {
            logger.LogError(e, "Could not apply {Kind} of host {Host} from replica {Replica}", message.Kind, message.Host, message.Origin);
        }
    }

    private void Apply(ClusterMessage message)
    {
        var host = message.Host ?? string.Empty;
        switch (message.Kind)
        {
            case ClusterMessageKinds.State when message.State is { } state:
                vault.Import(state.Name, message.Secrets);
                store.Add(state with { AwaitingSnapshot = false });
                if (message.Connection is { } connection && state.Online && !connections.HasConnection(state.Name))
                {
                    remote.Set(state.Name, message.Origin, connection);
                }

                break;
            case ClusterMessageKinds.Delta when message.Delta is { } delta:
                if (message.Secrets is not null)
                {
                    vault.Import(host, message.Secrets);
                }

                if (store.ApplyDelta(delta, host).Outcome == DeltaOutcome.Gap)
                {
                    Publish(new ClusterMessage(ClusterMessageKinds.Resync, Replica, host));
                }

                break;
            case ClusterMessageKinds.Attached when message.Connection is { } attached:
                remote.Set(host, message.Origin, attached);
                if (connections.HasConnection(host))
                {
                    logger.LogInformation("Host {Host}: its agent connected to replica {Replica}; dropping the connection here", host, message.Origin);
                    connections.Drop(host);
                }

                break;
            case ClusterMessageKinds.Online:
                if (message.Online == true && message.Connection is { } online)
                {
                    remote.Set(host, message.Origin, online);
                    store.SetOnline(host, true);
                }
                else if (remote.Clear(host, message.Origin))
                {
                    // Only the replica that holds the agent may say it left: an older one's late "offline" is stale.
                    store.SetOnline(host, false);
                }

                break;
            case ClusterMessageKinds.Refused when message.Reason is { } reason:
                store.SetLastError(host, reason);
                break;
            case ClusterMessageKinds.HostAdded when store.Get(host) is null:
                store.Add(new HostState(host, false, null, null, null, null));
                break;
            case ClusterMessageKinds.HostRemoved:
                remote.Clear(host);
                connections.Drop(host);
                store.Remove(host);
                vault.Remove(host);
                break;
            case ClusterMessageKinds.DropAgent:
                connections.Drop(host);
                break;
            case ClusterMessageKinds.CommandSent when message is { Command: { } id, At: { } at }:
                _remoteCommands[id] = sent.Remember(host, message.Intent ?? 0, message.User, at, answered: null);
                break;
            case ClusterMessageKinds.CommandAnswered when message is { Command: { } id, At: { } at }:
                if (_remoteCommands.TryRemove(id, out var command))
                {
                    command.Answered ??= at;
                }

                break;
            case ClusterMessageKinds.Settle when message.Sequence is { } sequence:
                settle.Mark(host, sequence);
                break;
            case ClusterMessageKinds.Resync:
                AnswerResync(host);
                break;
        }
    }

    /// <summary>Publishes the whole state of the asked host (or of every host) whose agent is connected here.</summary>
    private void AnswerResync(string host)
    {
        var states = host == "*" ? store.All() : store.Get(host) is { } one ? [one] : [];
        foreach (var state in states.Where(s => connections.HasConnection(s.Name)))
        {
            StateReplaced(state);
        }
    }

    private void ForgetSilentReplicas()
    {
        var cutoff = clock.GetUtcNow() - Silence;
        foreach (var (replica, seen) in _replicas)
        {
            if (seen >= cutoff || !_replicas.TryRemove(new KeyValuePair<string, DateTimeOffset>(replica, seen)))
            {
                continue;
            }

            var hosts = remote.ClearReplica(replica);
            logger.LogWarning("Replica {Replica} fell silent; its {Count} agents are offline until they reconnect", replica, hosts.Count);
            foreach (var lost in hosts)
            {
                // Its owner can no longer tell the browsers; every replica that noticed does (a summary, idempotent).
                if (store.SetOnline(lost, false) is { } state)
                {
                    services.GetRequiredService<LiveNotifier>().Publish(state);
                }
            }
        }
    }
}
