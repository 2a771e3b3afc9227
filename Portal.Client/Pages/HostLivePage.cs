using Microsoft.AspNetCore.Components;
using Portal.Client.Live;
using Portal.Client.Services;

namespace Portal.Client.Pages;

/// <summary>
/// A live page about one host: it holds the host's state and keeps it current from the live feed. The router reuses the
/// component when only {host} changes, so the subscription moves along with the parameter.
/// </summary>
public abstract class HostLivePage : LivePage
{
    private string? _subscribed;

    [Parameter] public required string Host { get; set; }

    [Inject] public required ILiveFeed Feed { get; init; }

    /// <summary>The host as last observed (null until the first answer, or when it failed: see Error).</summary>
    protected HostState? State { get; private set; }

    protected override async Task OnParametersSetAsync()
    {
        if (string.Equals(_subscribed, Host, StringComparison.Ordinal))
        {
            return;
        }

        if (_subscribed is not null)
        {
            await RestartAsync();
        }

        _subscribed = Host;
        State = null;
        Error = null;
        try
        {
            var subscription = await Feed.SubscribeHostAsync(Host, PageToken);
            State = subscription.State;
            StartReading(subscription.Changes, batch => State = State.Apply(batch));
        }
        catch (PortalApiException e)
        {
            Error = e.Status == 404 ? $"No host named {Host}." : e.Display;
        }
    }
}
