using Microsoft.AspNetCore.SignalR;
using Portal.Contracts.Api;
using Portal.Server.Live;

namespace Portal.Server.Audit;

/// <summary>Pushes stored audit rows to the host's watchers and to the "*" watchers as <c>AuditAppended</c>.</summary>
public sealed class AuditNotifier(IHubContext<LiveHub, ILiveClient> hub, ILogger<AuditNotifier> logger)
{
    public async Task PublishAsync(string host, IReadOnlyList<AuditEntryView> entries)
    {
        if (entries.Count == 0)
        {
            return;
        }

        try
        {
            await Task.WhenAll(
                hub.Clients.Group(LiveHub.GroupFor(host)).AuditAppended(entries),
                hub.Clients.Group(LiveHubMethods.AllHosts).AuditAppended(entries));
        }
        catch (Exception e)
        {
            // The rows are stored; a page that missed the push finds them through the API.
            logger.LogWarning(e, "Could not push the audit rows of host {Host}", host);
        }
    }
}
