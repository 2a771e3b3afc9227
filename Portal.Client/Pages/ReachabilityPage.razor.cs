using Microsoft.AspNetCore.Components;
using MudBlazor;
using Portal.Client.Services;
using Portal.Contracts.Reachability;
using Portal.Core.Reachability;

namespace Portal.Client.Pages;

/// <summary>
/// "Why can A reach B?": ask one question (the walk of its first packet through the host's rules), or see a network's
/// matrix (every container to every other on each port it offers) and click a cell for its path.
/// </summary>
public partial class ReachabilityPage
{
    private string? _from;
    private string? _to;
    private int _port = 80;
    private TransportProtocol _protocol = TransportProtocol.Tcp;
    private string? _askError;
    private string? _network;
    private ReachabilityMatrix? _matrix;
    private (ReachabilityAnswer Answer, string Question)? _path;
    private (string?, long)? _loaded;

    [Inject] public required IPortalApi Api { get; init; }

    [SupplyParameterFromQuery(Name = "network")] public string? NetworkQuery { get; set; }

    private List<BreadcrumbItem> Breadcrumbs =>
    [
        new("Hosts", href: "/"),
        new(Host, href: $"/hosts/{Uri.EscapeDataString(Host)}"),
        new("Reachability", href: null, disabled: true),
    ];

    protected override async Task OnParametersSetAsync()
    {
        await base.OnParametersSetAsync();
        await LoadMatrixAsync();
    }

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        // A new state (rules or containers changed) asks for the matrix again.
        if (await LoadMatrixAsync())
        {
            StateHasChanged();
        }
    }

    /// <summary>Asks for the matrix when the network or the state changed; true when it asked.</summary>
    private async Task<bool> LoadMatrixAsync()
    {
        if (State is null)
        {
            return false;
        }

        _network ??= NetworkQuery ?? State.Bridges.FirstOrDefault()?.Network;
        if (_network is null || _loaded == (_network, State.Snapshot.Sequence))
        {
            return false;
        }

        _loaded = (_network, State.Snapshot.Sequence);
        try
        {
            _matrix = await Api.GetReachabilityMatrixAsync(Host, _network, null, PageToken);
        }
        catch (PortalApiException e)
        {
            _askError = e.Display;
        }

        return true;
    }

    private async Task NetworkChangedAsync(string network)
    {
        _network = network;
        _matrix = null;
        await LoadMatrixAsync();
    }

    private async Task ShowCellAsync(MatrixCell cell)
    {
        var to = State?.FindContainer(cell.To)?.Endpoints.FirstOrDefault(e => e.Network == _network)?.Ipv4 ?? cell.To;
        await AskAsync(cell.From, to, cell.Port, cell.Protocol, $"{cell.From} → {cell.To} ({to}):{cell.Port}/{Portal.Contracts.Wire.WireName.Of(cell.Protocol)}");
    }

    private Task AskAsync() =>
        AskAsync(_from?.Trim() ?? string.Empty, _to?.Trim() ?? string.Empty, _port, _protocol,
            $"{_from} → {_to}:{_port}/{Portal.Contracts.Wire.WireName.Of(_protocol)}");

    private async Task AskAsync(string from, string to, int port, TransportProtocol protocol, string question)
    {
        try
        {
            _askError = null;
            _path = (await Api.GetReachabilityAsync(Host, from, to, port, protocol, PageToken), question);
        }
        catch (PortalApiException e)
        {
            _askError = e.Display;
            _path = null;
        }
    }
}
