using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Portal.Client.Audit;
using Portal.Client.Services;
using Portal.Contracts.Api;
using Portal.Contracts.Intents;
using Portal.Contracts.Model;

namespace Portal.Client.Live;

/// <summary>
/// The one connection of this browser tab to <c>/hubs/live</c>, shared by every page. Pages subscribe; the feed
/// watches the hub groups they need, fans each <see cref="HostChange"/> out to the subscribers' own channels, and
/// after a reconnect or a server resync fetches the state again over REST (one call per host), because changes may
/// have been missed.
/// </summary>
public sealed class LiveFeed : ILiveFeed, IAsyncDisposable
{
    private readonly IPortalApi _api;
    private readonly LiveFeedOptions _options;
    private readonly ILogger<LiveFeed> _logger;
    private readonly TimeProvider _time;
    private readonly Lock _gate = new();
    private readonly Dictionary<string, List<ILiveSubscriber>> _groups = new(StringComparer.OrdinalIgnoreCase);
    private readonly SemaphoreSlim _startLock = new(1, 1);
    private readonly CancellationTokenSource _disposed = new();
    private HubConnection? _connection;
    private Task? _retryLoop;

    public LiveFeed(IPortalApi api, LiveFeedOptions options, ILogger<LiveFeed> logger, TimeProvider? time = null)
    {
        _api = api;
        _options = options;
        _logger = logger;
        _time = time ?? TimeProvider.System;
    }

    /// <summary>How many subscriptions are open, per hub group; for tests and diagnostics.</summary>
    public int SubscriberCount(string group)
    {
        lock (_gate)
        {
            return _groups.TryGetValue(group, out var list) ? list.Count : 0;
        }
    }

    public async Task<HostSubscription> SubscribeHostAsync(string host, CancellationToken cancellationToken)
    {
        var subscriber = Add(host, SelectHostChange, IsResync, async ct => [(await FetchHostAsync(host, ct)).ToResync()], cancellationToken);
        try
        {
            // Registered before the fetch, so a change that lands while the REST call runs is not lost.
            await WatchAsync(host, cancellationToken);
            var state = await FetchHostAsync(host, cancellationToken);
            return new HostSubscription(state, subscriber.ReadAsync(_options.BatchInterval, _time, cancellationToken));
        }
        catch
        {
            Remove(subscriber);
            throw;
        }
    }

    public async Task<HostListSubscription> SubscribeHostsAsync(CancellationToken cancellationToken)
    {
        var subscriber = Add(
            LiveHubMethods.AllHosts,
            SelectHostChange,
            IsResync,
            async ct => HostListState.ToReload(await _api.GetHostsAsync(ct)),
            cancellationToken);
        try
        {
            await WatchAsync(LiveHubMethods.AllHosts, cancellationToken);
            var hosts = await _api.GetHostsAsync(cancellationToken);
            return new HostListSubscription(
                HostListState.From(hosts),
                subscriber.ReadAsync(_options.BatchInterval, _time, cancellationToken));
        }
        catch
        {
            Remove(subscriber);
            throw;
        }
    }

    public async Task<IntentSubscription> SubscribeIntentsAsync(string? host, CancellationToken cancellationToken)
    {
        var group = string.IsNullOrWhiteSpace(host) ? LiveHubMethods.AllHosts : host;
        var subscriber = Add<IntentView>(
            group,
            message => message is IntentView intent ? [intent] : null,
            _ => false,
            ct => _api.GetIntentsAsync(host, ct),
            cancellationToken);
        try
        {
            await WatchAsync(group, cancellationToken);
            var intents = await _api.GetIntentsAsync(host, cancellationToken);
            return new IntentSubscription(intents, subscriber.ReadAsync(_options.BatchInterval, _time, cancellationToken));
        }
        catch
        {
            Remove(subscriber);
            throw;
        }
    }

    public async Task<AuditSubscription> SubscribeAuditAsync(AuditQuery query, CancellationToken cancellationToken)
    {
        var group = string.IsNullOrWhiteSpace(query.Host) ? LiveHubMethods.AllHosts : query.Host.Trim();
        // Live rows always belong at the top: a page that paged back (before=) still receives the newest first page on reload.
        var newest = query with { Before = null };
        var subscriber = Add<AuditEntryView>(
            group,
            message => message is IReadOnlyList<AuditEntryView> entries ? entries.Where(query.Matches).ToList() : null,
            _ => false,
            ct => _api.GetAuditAsync(newest, ct),
            cancellationToken);
        try
        {
            await WatchAsync(group, cancellationToken);
            var entries = await _api.GetAuditAsync(newest, cancellationToken);
            return new AuditSubscription(entries, subscriber.ReadAsync(_options.BatchInterval, _time, cancellationToken));
        }
        catch
        {
            Remove(subscriber);
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _disposed.CancelAsync();
        if (_connection is not null)
        {
            await _connection.DisposeAsync();
        }

        lock (_gate)
        {
            foreach (var subscriber in _groups.Values.SelectMany(list => list))
            {
                subscriber.Complete();
            }

            _groups.Clear();
        }

        _disposed.Dispose();
        _startLock.Dispose();
    }

    private async Task<HostState> FetchHostAsync(string host, CancellationToken cancellationToken) =>
        HostState.From(await _api.GetHostStateAsync(host, cancellationToken));

    private static IReadOnlyList<HostChange>? SelectHostChange(object message) => message is HostChange change ? [change] : null;

    // A resync (an agent's new snapshot, a host removed) says what the page holds is no longer to be trusted.
    private static bool IsResync(object message) => message is HostChange { Resync: true };

    private LiveSubscriber<T> Add<T>(
        string group,
        Func<object, IReadOnlyList<T>?> select,
        Func<object, bool> needsReload,
        Func<CancellationToken, Task<IReadOnlyList<T>>> reload,
        CancellationToken cancellationToken)
    {
        var subscriber = new LiveSubscriber<T>(group, select, needsReload, reload) { Token = cancellationToken };
        lock (_gate)
        {
            if (!_groups.TryGetValue(group, out var list))
            {
                _groups[group] = list = [];
            }

            list.Add(subscriber);
        }

        subscriber.Registration = cancellationToken.Register(() => Remove(subscriber));
        return subscriber;
    }

    private void Remove(ILiveSubscriber subscriber)
    {
        bool groupEmpty;
        lock (_gate)
        {
            if (!_groups.TryGetValue(subscriber.Group, out var list) || !list.Remove(subscriber))
            {
                return;
            }

            groupEmpty = list.Count == 0;
            if (groupEmpty)
            {
                _groups.Remove(subscriber.Group);
            }
        }

        subscriber.Complete();
        subscriber.Registration.Dispose();
        if (groupEmpty)
        {
            _ = UnwatchAsync(subscriber.Group);
        }
    }

    private async Task WatchAsync(string group, CancellationToken cancellationToken)
    {
        var connection = await EnsureConnectedAsync(cancellationToken);
        if (connection is { State: HubConnectionState.Connected })
        {
            await connection.InvokeAsync(LiveHubMethods.Watch, group, cancellationToken);
        }

        // Not connected: the groups are watched again when the connection comes up (see OnConnectedAsync).
    }

    private async Task UnwatchAsync(string group)
    {
        try
        {
            if (_connection is { State: HubConnectionState.Connected } connection)
            {
                await connection.InvokeAsync(LiveHubMethods.Unwatch, group, _disposed.Token);
            }
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // Losing an Unwatch only costs a few unwanted messages, dropped because nobody subscribes.
            _logger.LogDebug(e, "Unwatch {Group} failed", group);
        }
    }

    private async Task<HubConnection?> EnsureConnectedAsync(CancellationToken cancellationToken)
    {
        await _startLock.WaitAsync(cancellationToken);
        try
        {
            _connection ??= CreateConnection();
            if (_connection.State != HubConnectionState.Disconnected)
            {
                return _connection;
            }

            try
            {
                await _connection.StartAsync(cancellationToken);
                return _connection;
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // The page still gets its state over REST; keep trying in the background so it turns live later.
                _logger.LogWarning(e, "Live hub not reachable; retrying");
                _retryLoop ??= RetryStartAsync();
                return null;
            }
        }
        finally
        {
            _startLock.Release();
        }
    }

    private HubConnection CreateConnection()
    {
        var connection = new HubConnectionBuilder()
            .WithUrl(_options.HubUrl, o =>
            {
                // WebSockets straight away: behind a load balancer without sticky sessions the negotiate request and
                // the connect that follows it may reach two different server replicas.
                o.SkipNegotiation = true;
                o.Transports = Microsoft.AspNetCore.Http.Connections.HttpTransportType.WebSockets;
            })
            .WithAutomaticReconnect(new InfiniteRetryPolicy())
            .AddJsonProtocol(o => o.PayloadSerializerOptions = PortalJson.Options)
            .Build();
        connection.On<HostChange>(LiveHubMethods.HostChanged, change => Dispatch(change.Host, change));
        connection.On<IntentView>(LiveHubMethods.IntentChanged, intent => Dispatch(intent.Host, intent));
        connection.On<List<AuditEntryView>>(LiveHubMethods.AuditAppended, entries =>
        {
            foreach (var perHost in entries.GroupBy(e => e.Host, StringComparer.OrdinalIgnoreCase))
            {
                Dispatch(perHost.Key, (IReadOnlyList<AuditEntryView>)perHost.ToList());
            }
        });
        connection.Reconnected += _ => OnConnectedAsync();
        connection.Closed += _ =>
        {
            if (!_disposed.IsCancellationRequested)
            {
                lock (_gate)
                {
                    _retryLoop ??= RetryStartAsync();
                }
            }

            return Task.CompletedTask;
        };
        return connection;
    }

    /// <summary>The first start failed (server down, or not signed in yet): try again until it works or nobody listens.</summary>
    private async Task RetryStartAsync()
    {
        try
        {
            while (!_disposed.IsCancellationRequested)
            {
                await Task.Delay(InfiniteRetryPolicy.Steady, _time, _disposed.Token);
                if (!HasSubscribers())
                {
                    break;
                }

                if (_connection is null || _connection.State != HubConnectionState.Disconnected)
                {
                    break;
                }

                try
                {
                    await _connection.StartAsync(_disposed.Token);
                    await OnConnectedAsync();
                    break;
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    _logger.LogDebug(e, "Live hub still not reachable");
                }
            }
        }
        catch (OperationCanceledException)
        {
            // Disposed.
        }
        finally
        {
            lock (_gate)
            {
                _retryLoop = null;
            }
        }
    }

    private bool HasSubscribers()
    {
        lock (_gate)
        {
            return _groups.Count > 0;
        }
    }

    /// <summary>After a (re)connect the server has forgotten our groups and we may have missed changes: watch and refetch.</summary>
    private async Task OnConnectedAsync()
    {
        List<string> groups;
        List<ILiveSubscriber> subscribers;
        lock (_gate)
        {
            groups = [.. _groups.Keys];
            subscribers = [.. _groups.Values.SelectMany(list => list)];
        }

        foreach (var group in groups)
        {
            try
            {
                await _connection!.InvokeAsync(LiveHubMethods.Watch, group, _disposed.Token);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                _logger.LogWarning(e, "Watch {Group} failed after reconnect", group);
            }
        }

        foreach (var subscriber in subscribers)
        {
            _ = ReloadAsync(subscriber);
        }
    }

    /// <summary>Fans one hub message out to the subscribers of its host and of "*"; each takes what it reads.</summary>
    private void Dispatch(string host, object message)
    {
        List<ILiveSubscriber> targets;
        lock (_gate)
        {
            targets = [];
            if (_groups.TryGetValue(host, out var hostList))
            {
                targets.AddRange(hostList);
            }

            if (host != LiveHubMethods.AllHosts && _groups.TryGetValue(LiveHubMethods.AllHosts, out var allList))
            {
                targets.AddRange(allList);
            }
        }

        foreach (var subscriber in targets)
        {
            if (subscriber.Offer(message))
            {
                _ = ReloadAsync(subscriber);
            }
        }
    }

    private async Task ReloadAsync(ILiveSubscriber subscriber)
    {
        try
        {
            await subscriber.ReloadAsync();
        }
        catch (OperationCanceledException)
        {
            // The page went away meanwhile.
        }
        catch (Exception e)
        {
            _logger.LogWarning(e, "Refetching {Group} failed", subscriber.Group);
        }
    }
}
