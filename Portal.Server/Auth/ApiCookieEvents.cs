using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Portal.Server.Sessions;

namespace Portal.Server.Auth;

/// <summary>Cookie events that answer API calls with 401/403 instead of redirecting to a sign-in page.</summary>
internal static class ApiCookieEvents
{
    public static void Apply(CookieAuthenticationEvents events)
    {
        events.OnRedirectToLogin = context => Answer(context, StatusCodes.Status401Unauthorized);
        events.OnRedirectToAccessDenied = context => Answer(context, StatusCodes.Status403Forbidden);
        events.OnValidatePrincipal = ValidateAsync;
    }

    /// <summary>
    /// The cookie counts only while its server-side session exists (sign-out deletes it, so a replayed cookie is
    /// anonymous); then the security stamp (role changes, deleted users) on the interval set in AddPortalAuth.
    /// </summary>
    private static async Task ValidateAsync(CookieValidatePrincipalContext context)
    {
        var principal = context.Principal;
        var sessions = context.HttpContext.RequestServices.GetRequiredService<SessionStore>();
        var active = await sessions.IsActiveAsync(
            principal?.FindFirstValue(SessionClaims.SessionId),
            principal?.FindFirstValue(ClaimTypes.NameIdentifier),
            context.HttpContext.RequestAborted);
        if (!active)
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(IdentityConstants.ApplicationScheme);
            return;
        }

        await SecurityStampValidator.ValidatePrincipalAsync(context);
    }

    /// <summary>The stamp validator rebuilds the principal from the database: the session id must come along.</summary>
    public static Task KeepSession(SecurityStampRefreshingPrincipalContext context)
    {
        if (context.CurrentPrincipal?.FindFirst(SessionClaims.SessionId) is { } session
            && context.NewPrincipal?.Identity is ClaimsIdentity identity)
        {
            identity.AddClaim(new Claim(SessionClaims.SessionId, session.Value));
        }

        return Task.CompletedTask;
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
