using Portal.Contracts.Flows;

namespace Portal.Client.Live;

/// <summary>
/// One page's view of a host's flows: the edges when it subscribed and batches of moved edges after it, each with its
/// new totals (replace, do not add). After a reconnect the whole window comes again in one batch.
/// </summary>
public sealed record FlowSubscription(IReadOnlyList<FlowEdge> Edges, IAsyncEnumerable<IReadOnlyList<FlowEdge>> Changes);
