using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.Http.Connections.Client;

namespace Portal.FleetSim.Fleet;

/// <summary>
/// One server the fleet talks to. <see cref="Handler"/> replaces the network (a test server's in-memory handler, which
/// speaks long polling only); otherwise the hubs use WebSockets as the agent and the browser do.
/// </summary>
public sealed record FleetEndpoint(Uri Server, Func<HttpMessageHandler>? Handler = null)
{
    public Uri Hub(string path) => new(Server, path.TrimStart('/'));

    public void Configure(HttpConnectionOptions options)
    {
        if (Handler is { } handler)
        {
            options.HttpMessageHandlerFactory = _ => handler();
            options.Transports = HttpTransportType.LongPolling;
        }
        else
        {
            options.Transports = HttpTransportType.WebSockets;
        }
    }

    public static FleetEndpoint Parse(string url) => new(new Uri(url.TrimEnd('/') + "/"));
}
