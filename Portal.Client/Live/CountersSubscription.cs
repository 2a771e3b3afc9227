using Portal.Contracts.Model;

namespace Portal.Client.Live;

/// <summary>One page's view of a host's rule counters: all of them when it subscribed, then batches of those that moved.</summary>
public sealed record CountersSubscription(IReadOnlyList<RuleCounter> Counters, IAsyncEnumerable<IReadOnlyList<RuleCounter>> Changes);
