using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;

namespace Portal.Server.Auth;

/// <summary>Cookie events that answer API calls with 401/403 instead of redirecting to a sign-in page.</summary>
internal static class ApiCookieEvents
{
    public static void Apply(CookieAuthenticationEvents events)
    {
        events.OnRedirectToLogin = context => Answer(context, StatusCodes.Status401Unauthorized);
        events.OnRedirectToAccessDenied = context => Answer(context, StatusCodes.Status403Forbidden);
        // Re-check the security stamp (role changes, deleted users) on the interval set in AddPortalAuth.
        events.OnValidatePrincipal = SecurityStampValidator.ValidatePrincipalAsync;
    }

    private static Task Answer(RedirectContext<CookieAuthenticationOptions> context, int status)
    {
        if (ApiPaths.IsApi(context.Request.Path))
        {
            context.Response.StatusCode = status;
        }
        else
        {
            context.Response.Redirect(context.RedirectUri);
        }

        return Task.CompletedTask;
    }
}
