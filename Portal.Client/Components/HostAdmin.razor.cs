using Microsoft.AspNetCore.Components;
using MudBlazor;
using Portal.Client.Services;
using Portal.Contracts.Api;

namespace Portal.Client.Components;

/// <summary>Adds hosts (their token shown once), re-issues and revokes tokens, deletes hosts.</summary>
public partial class HostAdmin
{
    private IReadOnlyList<HostSummary> _hosts = [];
    private CreatedHost? _created;
    private string? _error;
    private string _newName = "";

    [Inject] public required IPortalApi Api { get; init; }

    [Inject] public required NavigationManager Navigation { get; init; }

    [Inject] public required ISnackbar Snackbar { get; init; }

    private string Origin => Navigation.BaseUri.TrimEnd('/');

    protected override Task OnInitializedAsync() => RunAsync(() => Task.CompletedTask, success: null);

    private Task AddAsync() => RunAsync(async () =>
    {
        _created = await Api.CreateHostAsync(_newName.Trim(), CancellationToken.None);
        _newName = "";
    }, success: null);

    private Task ReissueAsync(string host) =>
        RunAsync(async () => _created = await Api.ReissueTokenAsync(host, CancellationToken.None), $"New token for {host}; the old one no longer works.");

    private Task RevokeAsync(string host) =>
        RunAsync(() => Api.RevokeTokenAsync(host, CancellationToken.None), $"Token of {host} revoked; its agent was dropped.");

    private Task DeleteAsync(string host) => RunAsync(async () =>
    {
        await Api.DeleteHostAsync(host, CancellationToken.None);
        if (_created?.Name == host)
        {
            _created = null;
        }
    }, $"Host {host} deleted.");

    /// <summary>Runs one admin action, shows the server's error if it refused, and reloads the list either way.</summary>
    private async Task RunAsync(Func<Task> action, string? success)
    {
        _error = null;
        try
        {
            await action();
            if (success is not null)
            {
                Snackbar.Add(success, Severity.Success);
            }
        }
        catch (PortalApiException e)
        {
            _error = e.Display;
        }

        try
        {
            _hosts = await Api.GetHostsAsync(CancellationToken.None);
        }
        catch (PortalApiException e)
        {
            _error ??= e.Display;
        }
    }
}
