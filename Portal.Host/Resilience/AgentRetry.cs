using Microsoft.Extensions.Logging;
using Polly;
using Polly.Retry;
using Portal.Host.Agent;

namespace Portal.Host.Resilience;

/// <summary>
/// Runs an attempt through the agent's one retry pipeline (<see cref="AgentRetryPipeline"/>): every connect, reconnect
/// and resend of the agent (the server, the Docker event stream, xtables-monitor, link notifications, the outbox) goes
/// through here, named by what it does, so they all back off, jitter, cap and log alike.
/// </summary>
public sealed class AgentRetry(ResiliencePipeline pipeline)
{
    /// <summary>Tries until an attempt succeeds, the token is cancelled or the failure is one a retry cannot cure.</summary>
    public async Task RunAsync(string operation, Func<CancellationToken, Task> attempt, CancellationToken cancellationToken) =>
        await RunAsync<bool>(
            operation,
            async token =>
            {
                await attempt(token);
                return true;
            },
            cancellationToken);

    public async Task<T> RunAsync<T>(string operation, Func<CancellationToken, Task<T>> attempt, CancellationToken cancellationToken)
    {
        var context = ResilienceContextPool.Shared.Get(operation, cancellationToken);
        try
        {
            return await pipeline.ExecuteAsync(
                static async (context, attempt) => await attempt(context.CancellationToken),
                context,
                attempt);
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }
    }
}

/// <summary>The definition of the agent's retry pipeline, registered once under <see cref="Name"/>.</summary>
public static class AgentRetryPipeline
{
    public const string Name = "portal-agent-retry";

    /// <summary>
    /// Retries for ever with <paramref name="backoff"/>'s waits, logging each retry with what failed and the wait. A
    /// cancellation of the caller's token ends it at once (also during a wait), and so does a refusal by the server.
    /// </summary>
    public static ResiliencePipelineBuilder AddAgentRetry(this ResiliencePipelineBuilder builder, RetryBackoff backoff, ILogger logger) =>
        builder.AddRetry(new RetryStrategyOptions
        {
            Name = Name,
            MaxRetryAttempts = int.MaxValue,
            ShouldHandle = args => ValueTask.FromResult(ShouldRetry(args.Outcome.Exception, args.Context.CancellationToken)),
            DelayGenerator = args => ValueTask.FromResult<TimeSpan?>(backoff.Delay(args.AttemptNumber)),
            OnRetry = args =>
            {
                logger.LogWarning(
                    "{Operation} failed: {Error}; retrying in {Delay:0.0} s (retry {Retry})",
                    args.Context.OperationKey,
                    FailureText.Of(args.Outcome.Exception),
                    args.RetryDelay.TotalSeconds,
                    args.AttemptNumber + 1);
                return ValueTask.CompletedTask;
            },
        });

    /// <summary>Everything but the end the agent asked for (its own token cancelled) and a refusal is worth another try.</summary>
    public static bool ShouldRetry(Exception? failure, CancellationToken cancellationToken) => failure switch
    {
        null => false,
        AgentRefusedException => false,
        OperationCanceledException when cancellationToken.IsCancellationRequested => false,
        _ => true,
    };
}
