using Microsoft.Extensions.DependencyInjection.Extensions;
using Portal.Server.Addresses;
using Portal.Server.Intents;
using Portal.Server.NetworkPolicies;

namespace Portal.Server.Changes;

public static class ChangeServiceExtensions
{
    /// <summary>Intents, the change service and the path of commands to the agents.</summary>
    public static IHostApplicationBuilder AddPortalChanges(this IHostApplicationBuilder builder)
    {
        builder.Services.TryAddSingleton<IntentNotifier>();
        builder.Services.TryAddSingleton<IntentStore>();
        builder.Services.TryAddSingleton<HostLocks>();
        builder.Services.TryAddSingleton<AgentCommander>();
        builder.Services.TryAddSingleton<WrittenChains>();
        builder.Services.TryAddSingleton<PlanExecutor>();
        builder.Services.TryAddSingleton<ChangeService>();
        return builder;
    }

    public static IEndpointRouteBuilder MapPortalChanges(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapChangesApi();
        endpoints.MapIntentsApi();
        endpoints.MapAddressesApi();
        endpoints.MapPoliciesApi();
        return endpoints;
    }
}
