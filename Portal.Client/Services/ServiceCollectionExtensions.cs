using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using MudBlazor.Services;
using Portal.Client.Live;

namespace Portal.Client.Services;

public static class ServiceCollectionExtensions
{
    /// <summary>
    /// The browser app's services. Registered with TryAdd so a test host can put its own fakes in first.
    /// </summary>
    public static IServiceCollection AddPortalClient(this IServiceCollection services, Uri baseAddress)
    {
        services.AddMudServices();
        services.TryAddScoped(_ => new HttpClient { BaseAddress = baseAddress });
        services.TryAddScoped<AuthState>();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddScoped<IPortalApi, PortalApi>();
        services.TryAddSingleton(new LiveFeedOptions { HubUrl = new Uri(baseAddress, "hubs/live") });
        services.TryAddScoped<ILiveFeed, LiveFeed>();
        return services;
    }
}
