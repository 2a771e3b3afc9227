using Portal.Contracts.Api;

namespace Portal.Client.Live;

/// <summary>
/// One page's view of one host: the state fetched when it subscribed and the batches of changes after it.
/// A batch may hold a resync change carrying a refetched whole picture (after a reconnect or a server resync).
/// </summary>
public sealed record HostSubscription(HostState State, IAsyncEnumerable<IReadOnlyList<HostChange>> Changes);
