using Portal.Contracts.Intents;

namespace Portal.Client.Live;

/// <summary>One page's view of intents: the list when it subscribed and batches of changed intents after it (upserts by id).</summary>
public sealed record IntentSubscription(IReadOnlyList<IntentView> Intents, IAsyncEnumerable<IReadOnlyList<IntentView>> Changes);
