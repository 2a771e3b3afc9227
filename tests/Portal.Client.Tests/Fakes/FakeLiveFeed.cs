using System.Threading.Channels;
using Portal.Client.Live;
using Portal.Core.Api;

namespace Portal.Client.Tests.Fakes;

/// <summary>
/// A live feed a test drives by hand: the state a page gets when it subscribes, a channel the test writes change
/// batches into, and a signal when the page's subscription token is cancelled.
/// </summary>
public sealed class FakeLiveFeed : ILiveFeed
{
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
}
