using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Portal.Server.Counters;

/// <summary>Rule counters: held in memory from the agents' batches, served by the API, pushed live.</summary>
public static class CountersServiceExtensions
{
    public static IHostApplicationBuilder AddPortalCounters(this IHostApplicationBuilder builder)
    {
        builder.Services.TryAddSingleton<RuleCounterStore>();
        builder.Services.TryAddSingleton<CountersNotifier>();
        return builder;
    }

    public static IEndpointRouteBuilder MapPortalCounters(this IEndpointRouteBuilder endpoints) => endpoints.MapCountersApi();
}
