using Microsoft.AspNetCore.Components;
using Portal.Client.Live;
using Portal.Client.Services;

namespace Portal.Client.Pages;

/// <summary>One host: its bridges, containers and the nat and filter rules, each labelled by its owner. Live.</summary>
public partial class HostPage
{
    private HostState? _state;
    private string? _subscribed;

    [Parameter] public required string Host { get; set; }

    [Inject] public required ILiveFeed Feed { get; init; }

    protected override async Task OnParametersSetAsync()
    {
        // The router reuses this component when only {host} changes: move the subscription along.
        if (string.Equals(_subscribed, Host, StringComparison.Ordinal))
        {
            return;
        }

        if (_subscribed is not null)
        {
            await RestartAsync();
        }

        _subscribed = Host;
        _state = null;
        Error = null;
        try
        {
            var subscription = await Feed.SubscribeHostAsync(Host, PageToken);
            _state = subscription.State;
            StartReading(subscription.Changes, batch => _state = _state.Apply(batch));
        }
        catch (PortalApiException e)
        {
            Error = e.Status == 404 ? $"No host named {Host}." : e.Display;
        }
    }
}
