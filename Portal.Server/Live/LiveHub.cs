using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.SignalR;
using Portal.Contracts.Api;
using Portal.Server.Auth;
using Portal.Server.Hosts;

namespace Portal.Server.Live;

/// <summary>
/// The browsers' hub. A page calls <c>Watch(host)</c> (or "*" for the host list), then fetches the current state
/// through the REST API; from then on it receives <c>HostChanged</c> for that host.
/// </summary>
[Authorize(Policy = Policies.Viewer)]
public sealed class LiveHub : Hub<ILiveClient>
{
    public Task Watch(string host) => Groups.AddToGroupAsync(Context.ConnectionId, GroupOf(host), Context.ConnectionAborted);

    public Task Unwatch(string host) => Groups.RemoveFromGroupAsync(Context.ConnectionId, GroupOf(host), Context.ConnectionAborted);

    public static string GroupFor(string host) => "host:" + host.ToLowerInvariant();

    private static string GroupOf(string host)
    {
        if (host == LiveHubMethods.AllHosts)
        {
            return LiveHubMethods.AllHosts;
        }

        if (!HostNames.IsValid(host))
        {
            throw new HubException($"'{host}' is not a host name");
        }

        return GroupFor(host);
    }
}
