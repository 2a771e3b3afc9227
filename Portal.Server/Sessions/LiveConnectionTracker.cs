using Microsoft.AspNetCore.SignalR;
using Portal.Server.Live;

namespace Portal.Server.Sessions;

/// <summary>A hub filter that keeps <see cref="LiveConnections"/> up to date with the people on the live hub.</summary>
internal sealed class LiveConnectionTracker(LiveConnections connections) : IHubFilter
{
    public async Task OnConnectedAsync(HubLifetimeContext context, Func<HubLifetimeContext, Task> next)
    {
        if (context.Hub is LiveHub)
        {
            connections.Add(context.Context);
        }

        await next(context);
    }

    public async Task OnDisconnectedAsync(HubLifetimeContext context, Exception? exception, Func<HubLifetimeContext, Exception?, Task> next)
    {
        connections.Remove(context.Context.ConnectionId);
        await next(context, exception);
    }
}
