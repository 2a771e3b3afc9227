using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Portal.Server.Flows;

public static class FlowServiceExtensions
{
    /// <summary>Flow edges: the store (also the <see cref="IFlowReader"/>), the agents' ingest, live pushes, the retention job.</summary>
    public static IHostApplicationBuilder AddPortalFlows(this IHostApplicationBuilder builder)
    {
        builder.Services.Configure<FlowOptions>(builder.Configuration.GetSection("Portal:Flows"));
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.TryAddSingleton<FlowStore>();
        builder.Services.TryAddSingleton<IFlowReader>(services => services.GetRequiredService<FlowStore>());
        builder.Services.TryAddSingleton<FlowNotifier>();
        builder.Services.TryAddSingleton<FlowIngest>();
        builder.Services.TryAddSingleton<FlowRetention>();
        builder.Services.AddHostedService(services => services.GetRequiredService<FlowRetention>());
        return builder;
    }

    public static IEndpointRouteBuilder MapPortalFlows(this IEndpointRouteBuilder endpoints) => endpoints.MapFlowsApi();
}
