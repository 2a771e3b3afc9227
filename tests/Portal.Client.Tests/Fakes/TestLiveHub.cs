using Microsoft.AspNetCore.SignalR;
using Portal.Contracts.Api;

namespace Portal.Client.Tests.Fakes;

/// <summary>A real SignalR hub with the live hub's browser methods; the test pushes through its hub context.</summary>
public sealed class TestLiveHub(HubServer server) : Hub
{
    public async Task Watch(string group)
    {
        await Groups.AddToGroupAsync(Context.ConnectionId, group);
        server.Watched(group);
    }

    public Task Unwatch(string group) => Groups.RemoveFromGroupAsync(Context.ConnectionId, group);
}
