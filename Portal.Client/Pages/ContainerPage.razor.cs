using Microsoft.AspNetCore.Components;
using MudBlazor;
using Portal.Client.Formatting;
using Portal.Client.Live;
using Portal.Client.Services;
using Portal.Core.Model;

namespace Portal.Client.Pages;

/// <summary>
/// One container: endpoints, ports, links both ways, its real /etc/hosts and env with link entries marked, secrets
/// masked, and the rules that concern it. Subscribes to the whole host, because links in and rules are host-wide.
/// </summary>
public partial class ContainerPage
{
    private HostState? _state;
    private string? _subscribed;

    [Parameter] public required string Host { get; set; }

    [Parameter] public required string Name { get; set; }

    [Inject] public required ILiveFeed Feed { get; init; }

    [Inject] public required AuthState Auth { get; init; }

    private Container? Container => _state?.FindContainer(Name);

    private IReadOnlyList<Rule> ConcernedRules => _state?.Rules.Where(r => LinkMarks.Concerns(r, Name)).ToList() ?? [];

    private List<BreadcrumbItem> Breadcrumbs =>
    [
        new("Hosts", href: "/"),
        new(Host, href: $"/hosts/{Uri.EscapeDataString(Host)}"),
        new(Name, href: null, disabled: true),
    ];

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
