using System.Text.Json.Serialization;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Portal.Contracts.Api;

namespace Portal.Server.Live;

public static class LiveServiceExtensions
{
    public static IHostApplicationBuilder AddPortalLive(this IHostApplicationBuilder builder)
    {
        builder.Services.TryAddSingleton<LiveNotifier>();
        // Hub payloads follow the REST contract: camelCase (SignalR's default) and nulls omitted.
        builder.Services.AddSignalR().AddJsonProtocol(o =>
            o.PayloadSerializerOptions.DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull);
        return builder;
    }

    public static IEndpointRouteBuilder MapPortalLive(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapHub<LiveHub>(LiveHubMethods.Path);
        return endpoints;
    }
}
