using Microsoft.AspNetCore.Components;
using Portal.Client.Intents;
using Portal.Client.Live;
using Portal.Client.Services;
using Portal.Contracts.Intents;

namespace Portal.Client.Pages;

/// <summary>
/// What operators asked for and where each request stands (pending, applied, drifted, failed with its error), live:
/// a repair by the reconciler shows up as the status moving. Failed and drifted intents can be retried.
/// </summary>
public partial class IntentsPage
{
    private IReadOnlyList<IntentView>? _intents;
    private string? _host;
    private string? _hostInput;
    private string? _retryError;
    private long? _retrying;

    [SupplyParameterFromQuery(Name = "host")] public string? HostQuery { get; set; }

    [Inject] public required ILiveFeed Feed { get; init; }

    [Inject] public required IPortalApi Api { get; init; }

    [Inject] public required AuthState Auth { get; init; }

    [Inject] public required NavigationManager Navigation { get; init; }

    protected override async Task OnParametersSetAsync()
    {
        var host = string.IsNullOrWhiteSpace(HostQuery) ? null : HostQuery.Trim();
        if (_intents is not null && string.Equals(host, _host, StringComparison.Ordinal))
        {
            return;
        }

        await SubscribeAsync(host);
    }

    private async Task SubscribeAsync(string? host)
    {
        if (_intents is not null || Error is not null)
        {
            await RestartAsync();
        }

        _host = host;
        _hostInput = host;
        _intents = null;
        Error = null;
        try
        {
            var subscription = await Feed.SubscribeIntentsAsync(host, PageToken);
            _intents = IntentList.Apply([], subscription.Intents, host);
            StartReading(subscription.Changes, batch => _intents = IntentList.Apply(_intents ?? [], batch, _host));
        }
        catch (PortalApiException e)
        {
            Error = e.Display;
        }
    }

    private Task FilterAsync()
    {
        var host = string.IsNullOrWhiteSpace(_hostInput) ? null : _hostInput.Trim();
        // The address carries the filter, so a reload or a shared link shows the same list.
        Navigation.NavigateTo(host is null ? "intents" : $"intents?host={Uri.EscapeDataString(host)}");
        return Task.CompletedTask;
    }

    private async Task RetryAsync(IntentView intent)
    {
        _retryError = null;
        _retrying = intent.Id;
        try
        {
            // The new status arrives as IntentChanged; nothing to fold in here.
            await Api.RetryIntentAsync(intent.Id, PageToken);
        }
        catch (PortalApiException e)
        {
            _retryError = $"Retry of intent {intent.Id} failed: {e.Display}";
        }
        finally
        {
            _retrying = null;
        }
    }
}
