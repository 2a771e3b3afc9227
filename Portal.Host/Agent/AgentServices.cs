using Docker.DotNet;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Portal.Host.Cli;
using Portal.Host.Commands;
using Portal.Host.Docker;
using Portal.Host.Iptables;
using Portal.Host.Resilience;

namespace Portal.Host.Agent;

public static class AgentServices
{
    /// <summary>
    /// <c>run</c>'s parts: the server connection, the one worker that folds and sends, and one hosted service per watcher
    /// (rules, engine events, link events, conntrack flows, rule counters) and for the history's sender, all meeting in the <see cref="AgentInbox"/>;
    /// the command handlers; the one retry pipeline.
    /// </summary>
    public static IServiceCollection AddPortalAgent(this IServiceCollection services, AgentOptions options, IptablesBackend backend)
    {
        services.AddSingleton(options);
        services.AddSingleton(backend);
        services.AddSingleton<IDockerClient>(_ => DockerClientFactory.Create(options.Docker));
        services.AddAgentRetry();
        services.AddAgentCommands();
        services.AddSingleton(_ => new AgentInbox());
        services.AddSingleton<AgentSession>();
        services.AddSingleton<AgentExit>();
        services.AddSingleton<AgentConnection>();
        services.AddSingleton<HostStateFeed>();
        services.AddSingleton<ObservedSnapshot>();
        services.TryAddSingleton(TimeProvider.System);
        services.AddHostedService<ServerConnectionService>();
        services.AddHostedService<ObservationWorker>();
        services.AddHostedService<RuleWatcherService>();
        services.AddHostedService<DockerEventsService>();
        services.AddHostedService<LinkEventsService>();
        services.AddHostedService<OutboxSenderService>();
        services.AddHostedService<FlowWatcherService>();
        services.AddHostedService<RuleCountersService>();
        return services;
    }
}
