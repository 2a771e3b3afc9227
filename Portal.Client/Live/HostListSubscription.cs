using Portal.Contracts.Api;

namespace Portal.Client.Live;

/// <summary>One page's view of the host list: the list when it subscribed and the batches of changes after it.</summary>
public sealed record HostListSubscription(HostListState State, IAsyncEnumerable<IReadOnlyList<HostChange>> Changes);
