using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.Logging;

namespace Portal.Host.Resilience;

/// <summary>
/// SignalR's automatic reconnect on the agent's schedule: SignalR runs the loop itself and only asks for the next wait,
/// which <see cref="RetryBackoff"/> gives exactly as it gives the retry pipeline's. It never gives up (never null): an
/// agent has nothing better to do than come back.
/// </summary>
public sealed class ServerReconnectPolicy(RetryBackoff backoff, ILogger logger) : IRetryPolicy
{
    public TimeSpan? NextRetryDelay(RetryContext retryContext)
    {
        var delay = backoff.Delay(retryContext.PreviousRetryCount);
        logger.LogWarning(
            "Reconnecting to the server: {Error}; retrying in {Delay:0.0} s (retry {Retry})",
            retryContext.RetryReason is { } reason ? FailureText.Of(reason) : "connection lost",
            delay.TotalSeconds,
            retryContext.PreviousRetryCount + 1);
        return delay;
    }
}
