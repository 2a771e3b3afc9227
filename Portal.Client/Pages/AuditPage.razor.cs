using Microsoft.AspNetCore.Components;
using Portal.Client.Audit;
using Portal.Client.Live;
using Portal.Client.Services;
using Portal.Contracts.Api;

namespace Portal.Client.Pages;

/// <summary>
/// Every nat and filter rule change, newest first, grouped by cause, live: rows the hub appends are prepended as
/// they come. Filters resubscribe; "Older" pages back by id. The CSV link carries the same filters.
/// </summary>
public partial class AuditPage
{
    private AuditQuery _query = new();
    private IReadOnlyList<AuditEntryView>? _entries;
    private IReadOnlyList<AuditGroup> _groups = [];
    private bool _hasOlder;
    private bool _loadingOlder;

    [SupplyParameterFromQuery(Name = "host")] public string? HostQuery { get; set; }

    [SupplyParameterFromQuery(Name = "container")] public string? ContainerQuery { get; set; }

    [Inject] public required ILiveFeed Feed { get; init; }

    [Inject] public required IPortalApi Api { get; init; }

    private string CsvHref => "api/audit.csv" + _query.ToQueryString(paging: false);

    protected override async Task OnInitializedAsync()
    {
        _query = new AuditQuery(Host: Blank(HostQuery), Container: Blank(ContainerQuery));
        await SubscribeAsync();
    }

    private async Task ApplyAsync(AuditQuery query)
    {
        _query = query with { Limit = _query.Limit };
        await RestartAsync();
        await SubscribeAsync();
    }

    private async Task SubscribeAsync()
    {
        _entries = null;
        Error = null;
        try
        {
            var subscription = await Feed.SubscribeAuditAsync(_query, PageToken);
            Show(subscription.Entries);
            _hasOlder = subscription.Entries.Count >= _query.Limit;
            StartReading(subscription.Appended, batch => Show(AuditEntries.Merge(_entries ?? [], batch)));
        }
        catch (PortalApiException e)
        {
            Error = e.Display;
        }
    }

    private async Task OlderAsync()
    {
        if (_entries is not { Count: > 0 } held)
        {
            return;
        }

        _loadingOlder = true;
        try
        {
            var older = await Api.GetAuditAsync(_query with { Before = held.Min(e => e.Id) }, PageToken);
            _hasOlder = older.Count >= _query.Limit;
            Show(AuditEntries.Merge(held, older));
        }
        catch (PortalApiException e)
        {
            Error = e.Display;
        }
        finally
        {
            _loadingOlder = false;
        }
    }

    private void Show(IReadOnlyList<AuditEntryView> entries)
    {
        _entries = entries;
        _groups = AuditGrouping.Group(entries);
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
