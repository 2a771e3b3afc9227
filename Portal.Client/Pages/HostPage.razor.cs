using Microsoft.AspNetCore.Components;
using MudBlazor;
using Portal.Client.Changes;
using Portal.Client.Live;
using Portal.Client.Services;
using Portal.Core.Api;

namespace Portal.Client.Pages;

/// <summary>
/// One host: its bridges, containers and the nat and filter rules, each labelled by its owner. Live. Operators also
/// link containers (two clicks in the table, or a drag in the diagram), make and remove networks and flip ICC; every
/// change goes through the plan dialog, and the page shows the outcome when the agent's next observation arrives.
/// </summary>
public partial class HostPage
{
    private HostState? _state;
    private string? _subscribed;
    private string? _linkSource;

    [Parameter] public required string Host { get; set; }

    [Inject] public required ILiveFeed Feed { get; init; }

    [Inject] public required IPortalApi Api { get; init; }

    [Inject] public required AuthState Auth { get; init; }

    [Inject] public required IDialogService Dialogs { get; init; }

    private bool CanChange => Auth.Can(Roles.Operator);

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

    private async Task LinkAsync(string source, string target)
    {
        _linkSource = null;
        await Dialogs.ShowChangeAsync(ChangeForms.Link(Api, Host, source, target));
    }

    private Task CreateNetworkAsync() => Dialogs.ShowChangeAsync(ChangeForms.CreateNetwork(Api, Host));

    private Task RemoveNetworkAsync(string network) => Dialogs.ShowChangeAsync(ChangeForms.RemoveNetwork(Api, Host, network));

    private Task IccAsync((string Network, bool Enabled) wanted) =>
        Dialogs.ShowChangeAsync(ChangeForms.Icc(Api, Host, wanted.Network, wanted.Enabled));

    private Task ConnectAsync(string network) =>
        Dialogs.ShowChangeAsync(ChangeForms.Connect(
            Api, Host, container: null, network, _state?.Containers.Select(c => c.Name).ToList() ?? []));
}
