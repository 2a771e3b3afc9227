using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.StackExchangeRedis;
using Microsoft.Extensions.DependencyInjection.Extensions;
using StackExchange.Redis;

namespace Portal.Server.Cluster;

public static class ClusterServiceExtensions
{
    /// <summary>A StackExchange.Redis connection string; set, the server runs as one of several replicas.</summary>
    public const string RedisKey = "Portal:Redis";

    /// <summary>Where the shared data protection key ring lives in Redis.</summary>
    public static readonly RedisKey KeyRing = "portal:data-protection-keys";

    /// <summary>
    /// With <c>Portal:Redis</c>: SignalR's Redis backplane (hub messages and client results between replicas), the data
    /// protection key ring in Redis (a cookie or sealed secret made by one replica opens on every other) and the
    /// replicas' own channel (<see cref="ClusterBus"/>). Without it: one server, the bus silent.
    /// </summary>
    public static IHostApplicationBuilder AddPortalCluster(this IHostApplicationBuilder builder)
    {
        builder.Services.TryAddSingleton<RemoteAgents>();
        builder.Services.TryAddSingleton<ClusterBus>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<ClusterBus>());
        var redis = builder.Configuration[RedisKey];
        if (string.IsNullOrWhiteSpace(redis))
        {
            return builder;
        }

        var options = ConfigurationOptions.Parse(redis);
        // Start (and keep retrying) while Redis is briefly away rather than refuse to start.
        options.AbortOnConnectFail = false;
        builder.Services.TryAddSingleton<IConnectionMultiplexer>(_ => ConnectionMultiplexer.Connect(options));
        builder.Services.AddSignalR().AddStackExchangeRedis(o =>
        {
            o.Configuration = options.Clone();
            o.Configuration.ChannelPrefix = RedisChannel.Literal("portal-hubs");
        });
        // Registered after the data folder's repository (AddPortalSecrets), so this one wins.
        builder.Services.AddOptions<KeyManagementOptions>().Configure<IServiceProvider>((o, services) =>
            o.XmlRepository = new RedisXmlRepository(() => services.GetRequiredService<IConnectionMultiplexer>().GetDatabase(), KeyRing));
        return builder;
    }
}
