using Microsoft.AspNetCore.Components;
using MudBlazor;
using Portal.Client.Changes;
using Portal.Client.Live;
using Portal.Client.Services;
using Portal.Contracts.Api;

namespace Portal.Client.Pages;

/// <summary>
/// One host: its bridges, containers and the nat and filter rules, each labelled by its owner. Live. Operators also
/// link containers (two clicks in the table, or a drag in the diagram), make and remove networks and flip ICC; every
/// change goes through the plan dialog, and the page shows the outcome when the agent's next observation arrives.
/// </summary>
public partial class HostPage
{
    private string? _linkSource;
    private string? _countersOf;

    [Inject] public required IPortalApi Api { get; init; }

    [Inject] public required AuthState Auth { get; init; }

    [Inject] public required IDialogService Dialogs { get; init; }

    private bool CanChange => Auth.Can(Roles.Operator);

    private string? _policyNetwork;

    /// <summary>The network whose policy panel shows: the one picked, else the first user-defined one, else the first.</summary>
    private string? PolicyNetwork =>
        _policyNetwork is { } picked && State?.Bridges.Any(b => b.Network == picked) == true
            ? picked
            : State?.Bridges.Select(b => b.Network).OrderBy(n => n == "bridge").ThenBy(n => n, StringComparer.Ordinal).FirstOrDefault();
    /// <summary>The rule counters shown beside each rule; null while they load or when they cannot be read.</summary>
    private RuleCounters? Counters { get; set; }

    protected override async Task OnParametersSetAsync()
    {
        var host = Host;
        await base.OnParametersSetAsync();
        if (State is null || string.Equals(_countersOf, host, StringComparison.Ordinal))
        {
            return;
        }

        // The base class subscribed to another host afresh (on a fresh page token): the counters follow it.
        _countersOf = host;
        Counters = null;
        try
        {
            var subscription = await Feed.SubscribeCountersAsync(host, PageToken);
            Counters = RuleCounters.From(subscription.Counters);
            StartReading(subscription.Changes, batch => Counters = Counters.Apply(batch));
        }
        catch (PortalApiException)
        {
            // The rules still show, without counts.
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
            Api, Host, container: null, network, State?.Containers.Select(c => c.Name).ToList() ?? []));
}
