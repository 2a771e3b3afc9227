using Microsoft.Extensions.DependencyInjection.Extensions;
using Portal.Contracts.Agent;

namespace Portal.Server.Agents;

public static class AgentServiceExtensions
{
    /// <summary>Room for a 50,000-rule snapshot (about 5 MB of iptables text, more as JSON).</summary>
    public const long MaximumMessageSize = 16 * 1024 * 1024;

    public static IHostApplicationBuilder AddPortalAgents(this IHostApplicationBuilder builder)
    {
        builder.Services.TryAddSingleton<AgentConnections>();
        builder.Services.TryAddSingleton<AgentIngest>();
        builder.Services.AddSignalR()
            .AddHubOptions<AgentHub>(o => o.MaximumReceiveMessageSize = MaximumMessageSize);
        return builder;
    }

    public static IEndpointRouteBuilder MapPortalAgents(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapHub<AgentHub>(AgentHubMethods.Path, o =>
        {
            // A long-polling agent posts a whole snapshot in one request.
            o.TransportMaxBufferSize = MaximumMessageSize;
            o.ApplicationMaxBufferSize = MaximumMessageSize;
        });
        return endpoints;
    }
}
