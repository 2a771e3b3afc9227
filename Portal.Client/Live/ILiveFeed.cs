using Portal.Client.Audit;

namespace Portal.Client.Live;

/// <summary>
/// Live state for pages. Each subscription reads its own channel; cancelling the token given here removes it.
/// </summary>
public interface ILiveFeed
{
    Task<HostSubscription> SubscribeHostAsync(string host, CancellationToken cancellationToken);

    Task<HostListSubscription> SubscribeHostsAsync(CancellationToken cancellationToken);

    /// <summary>Intents of one host, or of every host when <paramref name="host"/> is null.</summary>
    Task<IntentSubscription> SubscribeIntentsAsync(string? host, CancellationToken cancellationToken);

    /// <summary>The rule counters of one host: the current ones, then batches of those that moved (replace by rule).</summary>
    Task<CountersSubscription> SubscribeCountersAsync(string host, CancellationToken cancellationToken);

    /// <summary>Audit entries that pass <paramref name="query"/>'s filters, newest first.</summary>
    Task<AuditSubscription> SubscribeAuditAsync(AuditQuery query, CancellationToken cancellationToken);

    /// <summary>Flow edges of one host last seen within <paramref name="window"/>, then the edges each push moved (new totals).</summary>
    Task<FlowSubscription> SubscribeFlowsAsync(string host, TimeSpan window, CancellationToken cancellationToken);
}
