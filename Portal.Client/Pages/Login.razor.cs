using Microsoft.AspNetCore.Components;
using Portal.Client.Services;
using Portal.Contracts.Api;

namespace Portal.Client.Pages;

public partial class Login
{
    [Inject] public required IPortalApi Api { get; init; }

    [Inject] public required NavigationManager Navigation { get; init; }

    [SupplyParameterFromQuery] public string? ReturnUrl { get; set; }

    private string UserName { get; set; } = "";

    private string Password { get; set; } = "";

    private string? ErrorMessage { get; set; }

    private bool Busy { get; set; }

    /// <summary>Only a path of this site: a returnUrl pointing elsewhere would make the sign-in page an open redirect.</summary>
    public static string SafeReturnUrl(string? returnUrl) =>
        returnUrl is { Length: > 0 } url && url.StartsWith('/') && !url.StartsWith("//", StringComparison.Ordinal)
            && !url.StartsWith("/\\", StringComparison.Ordinal) && !url.StartsWith("/login", StringComparison.OrdinalIgnoreCase)
            ? url
            : "/";

    private async Task SignInAsync()
    {
        Busy = true;
        ErrorMessage = null;
        try
        {
            await Api.LoginAsync(new LoginRequest(UserName, Password), CancellationToken.None);
            Navigation.NavigateTo(SafeReturnUrl(ReturnUrl));
        }
        catch (PortalApiException e)
        {
            ErrorMessage = e.Display;
        }
        catch (HttpRequestException e)
        {
            ErrorMessage = $"The portal server did not answer: {e.Message}";
        }
        finally
        {
            Busy = false;
        }
    }
}
