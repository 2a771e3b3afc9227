namespace Portal.Client.Live;

/// <summary>
/// Live state for pages. Each subscription reads its own channel; cancelling the token given here removes it.
/// </summary>
public interface ILiveFeed
{
    Task<HostSubscription> SubscribeHostAsync(string host, CancellationToken cancellationToken);

    Task<HostListSubscription> SubscribeHostsAsync(CancellationToken cancellationToken);
}
