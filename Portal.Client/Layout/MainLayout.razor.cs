using Microsoft.AspNetCore.Components;
using Portal.Client.Services;

namespace Portal.Client.Layout;

/// <summary>
/// The signed-in frame: asks the server who we are once, renders pages only for a signed-in user, and sends the
/// browser to the sign-in page whenever a call answers 401 (session expired, user deleted).
/// </summary>
public partial class MainLayout : IDisposable
{
    private string? _error;

    [Inject] public required AuthState Auth { get; init; }

    [Inject] public required IPortalApi Api { get; init; }

    [Inject] public required NavigationManager Navigation { get; init; }

    public void Dispose()
    {
        Auth.Changed -= OnAuthChanged;
        GC.SuppressFinalize(this);
    }

    protected override async Task OnInitializedAsync()
    {
        Auth.Changed += OnAuthChanged;
        if (!Auth.Known)
        {
            try
            {
                await Api.GetMeAsync(CancellationToken.None);
            }
            catch (Exception e) when (e is PortalApiException or HttpRequestException)
            {
                _error = $"The portal server did not answer: {e.Message}";
                return;
            }
        }

        if (!Auth.IsSignedIn)
        {
            RedirectToLogin();
        }
    }

    private void OnAuthChanged() => _ = InvokeAsync(() =>
    {
        if (!Auth.IsSignedIn)
        {
            RedirectToLogin();
        }

        StateHasChanged();
    });

    private void RedirectToLogin()
    {
        var here = Navigation.ToBaseRelativePath(Navigation.Uri);
        // Both the 401 event and the start-up check land here; the second must not wrap the first's returnUrl.
        if (here.StartsWith("login", StringComparison.OrdinalIgnoreCase))
        {
            return;
        }

        var returnUrl = "/" + here;
        Navigation.NavigateTo($"login?returnUrl={Uri.EscapeDataString(returnUrl)}");
    }

    private async Task SignOutAsync()
    {
        try
        {
            await Api.LogoutAsync(CancellationToken.None);
        }
        finally
        {
            // A fresh start of the app drops the live connection, which still carries the old user's identity.
            Navigation.NavigateTo("login", forceLoad: true);
        }
    }
}
