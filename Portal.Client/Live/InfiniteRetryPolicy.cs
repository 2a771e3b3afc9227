using Microsoft.AspNetCore.SignalR.Client;

namespace Portal.Client.Live;

/// <summary>
/// Reconnect forever: the portal is a wall display as much as a tool, and a server restart must not leave a page
/// stale. Quick first tries (a restart takes seconds), then a steady pace.
/// </summary>
public sealed class InfiniteRetryPolicy : IRetryPolicy
{
    private static readonly TimeSpan[] FirstDelays =
        [TimeSpan.Zero, TimeSpan.FromMilliseconds(500), TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2)];

    public static TimeSpan Steady { get; } = TimeSpan.FromSeconds(3);

    public TimeSpan? NextRetryDelay(RetryContext retryContext) =>
        retryContext.PreviousRetryCount < FirstDelays.Length ? FirstDelays[retryContext.PreviousRetryCount] : Steady;
}
