using Microsoft.AspNetCore.Components;
using Portal.Client.Formatting;
using Portal.Client.Live;
using Portal.Client.Services;
using Portal.Contracts.Api;
using Portal.Contracts.Intents;

namespace Portal.Client.Pages;

/// <summary>
/// The host list and the zones picture. The list lives on the "*" feed (summaries only); a host that changed gets
/// its bridges, containers and public addresses fetched again for the picture.
/// </summary>
public partial class Home
{
    private readonly Dictionary<string, ZoneHost> _zones = new(StringComparer.OrdinalIgnoreCase);
    private HostListState? _hosts;
    private ZoneDiagram _diagram = ZoneLayout.Build([]);

    [Inject] public required ILiveFeed Feed { get; init; }

    [Inject] public required IPortalApi Api { get; init; }

    protected override async Task OnInitializedAsync()
    {
        try
        {
            var subscription = await Feed.SubscribeHostsAsync(PageToken);
            _hosts = subscription.State;
            await RefreshZonesAsync(_hosts.Hosts);
            StartReading(subscription.Changes, ApplyAsync);
        }
        catch (PortalApiException e)
        {
            Error = e.Display;
        }
    }

    private async Task ApplyAsync(IReadOnlyList<HostChange> batch)
    {
        _hosts = (_hosts ?? HostListState.From([])).Apply(batch);
        StateHasChanged();
        var touched = batch.Select(c => c.Host).ToHashSet(StringComparer.OrdinalIgnoreCase);
        await RefreshZonesAsync(_hosts.Hosts.Where(h => touched.Contains(h.Name) || !_zones.ContainsKey(h.Name)).ToList());
    }

    private async Task RefreshZonesAsync(IReadOnlyList<HostSummary> changed)
    {
        var fetched = await Task.WhenAll(changed.Select(FetchZoneAsync));
        foreach (var zone in fetched)
        {
            _zones[zone.Name] = zone;
        }

        var current = (_hosts?.Hosts ?? changed).Select(h => h.Name).ToHashSet(StringComparer.OrdinalIgnoreCase);
        foreach (var gone in _zones.Keys.Where(k => !current.Contains(k)).ToList())
        {
            _zones.Remove(gone);
        }

        // The online flag comes from the list, which may be newer than the fetch.
        var zones = _zones.Values
            .Select(z => _hosts?.Hosts.FirstOrDefault(h => h.Name == z.Name) is { } h ? z with { Online = h.Online } : z)
            .ToList();
        _diagram = ZoneLayout.Build(zones);
    }

    private async Task<ZoneHost> FetchZoneAsync(HostSummary host)
    {
        try
        {
            var bridges = Api.GetBridgesAsync(host.Name, PageToken);
            var containers = Api.GetContainersAsync(host.Name, PageToken);
            var addresses = AddressesOrNoneAsync(host.Name);
            return new ZoneHost(host.Name, host.Online, await bridges, await containers, await addresses);
        }
        catch (PortalApiException)
        {
            // A host that never reported has no state yet (404): draw it empty rather than fail the page.
            return new ZoneHost(host.Name, host.Online, [], []);
        }
    }

    /// <summary>The mappings are extra detail on the picture: failing to read them must not blank the host.</summary>
    private async Task<IReadOnlyList<AddressView>> AddressesOrNoneAsync(string host)
    {
        try
        {
            return await Api.GetAddressesAsync(host, PageToken);
        }
        catch (PortalApiException)
        {
            return [];
        }
    }
}
