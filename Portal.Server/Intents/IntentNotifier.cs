using Microsoft.AspNetCore.SignalR;
using Portal.Contracts.Api;
using Portal.Contracts.Intents;
using Portal.Server.Live;

namespace Portal.Server.Intents;

/// <summary>Pushes <c>IntentChanged</c> to the host's watchers and to the "*" group (the intents page of every host).</summary>
public sealed class IntentNotifier(IHubContext<LiveHub, ILiveClient> hub, ILogger<IntentNotifier> logger)
{
    public async Task PublishAsync(IntentView view)
    {
        try
        {
            await Task.WhenAll(
                hub.Clients.Group(LiveHub.GroupFor(view.Host)).IntentChanged(view),
                hub.Clients.Group(LiveHubMethods.AllHosts).IntentChanged(view));
        }
        catch (Exception e)
        {
            // The stored status is the truth; a page that missed a push reloads the list on reconnect.
            logger.LogWarning(e, "Could not push the change of intent {Intent}", view.Id);
        }
    }
}
