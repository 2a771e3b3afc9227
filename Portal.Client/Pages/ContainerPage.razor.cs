using Microsoft.AspNetCore.Components;
using MudBlazor;
using Portal.Client.Changes;
using Portal.Client.Formatting;
using Portal.Client.Live;
using Portal.Client.Services;
using Portal.Contracts.Api;
using Portal.Contracts.Model;

namespace Portal.Client.Pages;

/// <summary>
/// One container: endpoints, ports, links both ways, its real /etc/hosts and env with link entries marked, secrets
/// masked, and the rules that concern it. Subscribes to the whole host, because links in and rules are host-wide.
/// </summary>
public partial class ContainerPage
{

    [Parameter] public required string Name { get; set; }

    [Inject] public required AuthState Auth { get; init; }

    [Inject] public required IPortalApi Api { get; init; }

    [Inject] public required IDialogService Dialogs { get; init; }

    private bool CanChange => Auth.Can(Roles.Operator);

    private Container? Container => State?.FindContainer(Name);

    private IReadOnlyList<Rule> ConcernedRules => State?.Rules.Where(r => LinkMarks.Concerns(r, Name)).ToList() ?? [];

    private List<BreadcrumbItem> Breadcrumbs =>
    [
        new("Hosts", href: "/"),
        new(Host, href: $"/hosts/{Uri.EscapeDataString(Host)}"),
        new(Name, href: null, disabled: true),
    ];

    private Task UnlinkAsync((string Source, string Alias) link) =>
        Dialogs.ShowChangeAsync(ChangeForms.Unlink(Api, Host, link.Source, link.Alias));

    private Task PublishAsync(string? exposed) => Dialogs.ShowChangeAsync(ChangeForms.PublishPort(Api, Host, Name, exposed));

    private Task UnpublishAsync(PortBinding port) =>
        Dialogs.ShowChangeAsync(ChangeForms.UnpublishPort(Api, Host, Name, port.HostPort ?? 0, port.Protocol));

    private Task ConnectAsync()
    {
        var attached = Container?.Endpoints.Select(e => e.Network).ToHashSet(StringComparer.Ordinal) ?? [];
        var networks = State?.Bridges.Select(b => b.Network).Where(n => !attached.Contains(n)).ToList() ?? [];
        return Dialogs.ShowChangeAsync(ChangeForms.Connect(Api, Host, Name, network: null, networks));
    }

    private async Task<string> RevealAsync(EnvVariable variable) =>
        (await Api.RevealSecretAsync(Host, Name, variable.Name, CancellationToken.None)).Value;

    private Task DisconnectAsync(string network) => Dialogs.ShowChangeAsync(ChangeForms.Disconnect(Api, Host, network, Name));
}
