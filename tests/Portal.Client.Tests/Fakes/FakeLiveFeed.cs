using System.Threading.Channels;
using Portal.Client.Audit;
using Portal.Client.Live;
using Portal.Contracts.Api;
using Portal.Contracts.Flows;
using Portal.Contracts.Intents;
using Portal.Contracts.Model;

namespace Portal.Client.Tests.Fakes;

/// <summary>
/// A live feed a test drives by hand: the state a page gets when it subscribes, a channel the test writes change
/// batches into, and a signal when the page's subscription token is cancelled. Intents and audit rows have their
/// own channels; the audit subscription asks <see cref="Api"/> for its first page, as the real feed does.
/// </summary>
public sealed class FakeLiveFeed : ILiveFeed
{
    public FakePortalApi? Api { get; set; }

    public Channel<IReadOnlyList<IntentView>> IntentChanges { get; } = Channel.CreateUnbounded<IReadOnlyList<IntentView>>();

    public Channel<IReadOnlyList<AuditEntryView>> AuditAppended { get; } = Channel.CreateUnbounded<IReadOnlyList<AuditEntryView>>();

    public List<string?> IntentSubscriptions { get; } = [];

    /// <summary>Pushed flow edges (new totals), one batch per write, read by every flow subscription of the test.</summary>
    public Channel<IReadOnlyList<FlowEdge>> FlowChanges { get; } = Channel.CreateUnbounded<IReadOnlyList<FlowEdge>>();

    /// <summary>Each flow subscription: host and window.</summary>
    public List<(string Host, TimeSpan Window)> FlowSubscriptions { get; } = [];

    /// <summary>How many flow subscriptions were cancelled (a page went away or asked for another window).</summary>
    public int FlowCancellations => Volatile.Read(ref _flowCancellations);

    private int _flowCancellations;

    /// <summary>The clock a flow subscription's window is measured on (the page's clock in the tests).</summary>
    public TimeProvider Time { get; set; } = TimeProvider.System;

    public List<AuditQuery> AuditSubscriptions { get; } = [];

    public HostState Host { get; set; } = HostState.Empty("docker1");

    public HostListState Hosts { get; set; } = HostListState.From([]);

    public Channel<IReadOnlyList<HostChange>> Changes { get; } = Channel.CreateUnbounded<IReadOnlyList<HostChange>>();

    public TaskCompletionSource SubscriptionCancelled { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public List<string> Subscribed { get; } = [];

    public Task<HostSubscription> SubscribeHostAsync(string host, CancellationToken cancellationToken)
    {
        Subscribed.Add(host);
        cancellationToken.Register(() => SubscriptionCancelled.TrySetResult());
        return Task.FromResult(new HostSubscription(Host, Changes.Reader.ReadAllAsync(cancellationToken)));
    }

    public Task<HostListSubscription> SubscribeHostsAsync(CancellationToken cancellationToken)
    {
        Subscribed.Add(LiveHubMethods.AllHosts);
        cancellationToken.Register(() => SubscriptionCancelled.TrySetResult());
        return Task.FromResult(new HostListSubscription(Hosts, Changes.Reader.ReadAllAsync(cancellationToken)));
    }

    public async Task<IntentSubscription> SubscribeIntentsAsync(string? host, CancellationToken cancellationToken)
    {
        IntentSubscriptions.Add(host);
        cancellationToken.Register(() => SubscriptionCancelled.TrySetResult());
        var intents = Api is null ? [] : await Api.GetIntentsAsync(host, cancellationToken);
        return new IntentSubscription(intents, IntentChanges.Reader.ReadAllAsync(cancellationToken));
    }

    public async Task<FlowSubscription> SubscribeFlowsAsync(string host, TimeSpan window, CancellationToken cancellationToken)
    {
        FlowSubscriptions.Add((host, window));
        cancellationToken.Register(() =>
        {
            Interlocked.Increment(ref _flowCancellations);
            SubscriptionCancelled.TrySetResult();
        });
        var edges = Api is null ? [] : await Api.GetFlowsAsync(host, Time.GetUtcNow() - window, cancellationToken);
        return new FlowSubscription(edges, FlowChanges.Reader.ReadAllAsync(cancellationToken));
    }

    public Channel<IReadOnlyList<RuleCounter>> CounterChanges { get; } = Channel.CreateUnbounded<IReadOnlyList<RuleCounter>>();

    public async Task<CountersSubscription> SubscribeCountersAsync(string host, CancellationToken cancellationToken)
    {
        cancellationToken.Register(() => SubscriptionCancelled.TrySetResult());
        var counters = Api is null ? [] : await Api.GetCountersAsync(host, cancellationToken);
        return new CountersSubscription(counters, CounterChanges.Reader.ReadAllAsync(cancellationToken));
    }

    public async Task<AuditSubscription> SubscribeAuditAsync(AuditQuery query, CancellationToken cancellationToken)
    {
        AuditSubscriptions.Add(query);
        cancellationToken.Register(() => SubscriptionCancelled.TrySetResult());
        var entries = Api is null ? [] : await Api.GetAuditAsync(query, cancellationToken);
        // Like the real feed: only rows that pass the page's filters reach it.
        var appended = AuditAppended.Reader.ReadAllAsync(cancellationToken)
            .Select(batch => (IReadOnlyList<AuditEntryView>)batch.Where(query.Matches).ToList());
        return new AuditSubscription(entries, appended);
    }
}
