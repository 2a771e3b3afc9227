using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Portal.Host.Commands;

public static class CommandServices
{
    /// <summary>
    /// The command handlers (one per command type), the dispatcher that picks them and the record of running commands.
    /// Needs an <see cref="Docker.DotNet.IDockerClient"/> and the <see cref="Iptables.IptablesBackend"/> registered.
    /// </summary>
    public static IServiceCollection AddAgentCommands(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(sp => new ActiveCommands(sp.GetRequiredService<TimeProvider>()));
        services.TryAddSingleton<IptablesWriter>();
        services.AddSingleton<ICommandHandler, RecreateContainerHandler>();
        services.AddSingleton<ICommandHandler, CreateNetworkHandler>();
        services.AddSingleton<ICommandHandler, RemoveNetworkHandler>();
        services.AddSingleton<ICommandHandler, ConnectHandler>();
        services.AddSingleton<ICommandHandler, DisconnectHandler>();
        services.AddSingleton<ICommandHandler, ApplyPortalRulesHandler>();
        services.AddSingleton<ICommandHandler, RemoveStaleRulesHandler>();
        services.AddSingleton<ICommandHandler, ApplyAddressesHandler>();
        services.TryAddSingleton<CommandDispatcher>();
        return services;
    }
}
