using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Portal.Server.State;

public static class StateServiceExtensions
{
    /// <summary>The in-memory latest state per host, loaded at start and written behind to SQLite.</summary>
    public static IHostApplicationBuilder AddPortalState(this IHostApplicationBuilder builder)
    {
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.TryAddSingleton<HostStateStore>();
        builder.Services.TryAddSingleton<HostStatePersister>();
        builder.Services.AddHostedService<HostStateLoader>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<HostStatePersister>());
        return builder;
    }
}
