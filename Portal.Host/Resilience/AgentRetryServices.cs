using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Polly;
using Polly.Registry;
using Polly.Telemetry;

namespace Portal.Host.Resilience;

public static class AgentRetryServices
{
    /// <summary>
    /// Registers the agent's retry pipeline once (<see cref="AgentRetryPipeline.Name"/>), the <see cref="AgentRetry"/>
    /// that runs attempts through it and the schedule both it and SignalR's reconnect use. Polly's own event log lines
    /// are off: the pipeline logs each retry itself, with what failed, in the agent's words.
    /// </summary>
    public static IServiceCollection AddAgentRetry(this IServiceCollection services, RetryBackoff? backoff = null)
    {
        services.AddSingleton(backoff ?? RetryBackoff.Agent);
        services.AddResilienceEnricher();
        services.AddResiliencePipeline(AgentRetryPipeline.Name, (builder, context) =>
            builder.AddAgentRetry(
                context.ServiceProvider.GetRequiredService<RetryBackoff>(),
                context.ServiceProvider.GetRequiredService<ILoggerFactory>().CreateLogger("Portal.Host.Retry")));
        services.Configure<TelemetryOptions>(o => o.LoggerFactory = NullLoggerFactory.Instance);
        services.AddSingleton(sp => new AgentRetry(sp.GetRequiredService<ResiliencePipelineProvider<string>>().GetPipeline(AgentRetryPipeline.Name)));
        services.AddSingleton(sp => new ServerReconnectPolicy(sp.GetRequiredService<RetryBackoff>(), sp.GetRequiredService<ILoggerFactory>().CreateLogger("Portal.Host.Retry")));
        return services;
    }
}
