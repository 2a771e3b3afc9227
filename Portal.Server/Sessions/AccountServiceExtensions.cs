using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Portal.Server.Auth;

namespace Portal.Server.Sessions;

public static class AccountServiceExtensions
{
    /// <summary>
    /// Sign-in limits (rate limit, per-client lockout), server-side sessions and the live connections they own,
    /// password changes, the bootstrap password file and the last-admin lock (<see cref="AuthOptions"/>).
    /// </summary>
    public static IServiceCollection AddPortalAccounts(this IServiceCollection services)
    {
        services.AddOptions<AuthOptions>().BindConfiguration(AuthOptions.Section);
        services.TryAddSingleton(TimeProvider.System);
        services.AddLoginRateLimit();
        services.AddSingleton<LoginLockout>();
        services.AddScoped<DummyPassword>();
        services.AddSingleton<AdminChanges>();
        services.AddSingleton<BootstrapPasswordFile>();
        services.AddScoped<Accounts>();
        services.AddSingleton<SessionStore>();
        services.AddSingleton<LiveConnections>();
        services.AddSingleton<LiveConnectionTracker>();
        services.AddHostedService<LiveConnectionSweeper>();
        services.Configure<HubOptions>(o => o.AddFilter<LiveConnectionTracker>());
        return services;
    }
}
