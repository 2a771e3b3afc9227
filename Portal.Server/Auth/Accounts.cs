using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Portal.Server.Sessions;

namespace Portal.Server.Auth;

/// <summary>
/// Signing people in and out with a server-side session, and the password changes that end sessions. The API
/// handlers stay thin; this is where a session starts and ends.
/// </summary>
public sealed class Accounts(
    UserManager<IdentityUser> users,
    SignInManager<IdentityUser> signIn,
    SessionStore sessions,
    LiveConnections live,
    BootstrapPasswordFile bootstrapFile)
{
    /// <summary>Claim value of <see cref="SessionClaims.MustChangePassword"/> for the bootstrap admin (its file goes with the change).</summary>
    public const string Bootstrap = "bootstrap";

    /// <summary>Claim value of <see cref="SessionClaims.MustChangePassword"/> after an admin set the password.</summary>
    public const string Reset = "reset";

    public async Task SignInAsync(HttpContext http, IdentityUser user, string? sessionId = null)
    {
        sessionId ??= await sessions.StartAsync(user.Id, http.RequestAborted);
        var principal = await signIn.CreateUserPrincipalAsync(user);
        ((ClaimsIdentity)principal.Identity!).AddClaim(new Claim(SessionClaims.SessionId, sessionId));
        await http.SignInAsync(IdentityConstants.ApplicationScheme, principal, new AuthenticationProperties { IsPersistent = false });
    }

    public async Task SignOutAsync(HttpContext http)
    {
        if (http.User.FindFirstValue(SessionClaims.SessionId) is { } sessionId)
        {
            await sessions.EndAsync(sessionId, http.RequestAborted);
            live.CloseSession(sessionId);
        }

        await http.SignOutAsync(IdentityConstants.ApplicationScheme);
    }

    /// <summary>After the user's own change: the must-change mark and the bootstrap file go, other sessions end.</summary>
    public async Task PasswordChangedAsync(HttpContext http, IdentityUser user)
    {
        var marks = (await users.GetClaimsAsync(user)).Where(c => c.Type == SessionClaims.MustChangePassword).ToList();
        if (marks.Count > 0)
        {
            await users.RemoveClaimsAsync(user, marks);
        }

        if (marks.Any(c => c.Value == Bootstrap))
        {
            bootstrapFile.Delete();
        }

        var current = http.User.FindFirstValue(SessionClaims.SessionId);
        await sessions.EndAllAsync(user.Id, keep: current, http.RequestAborted);
        live.Close(c => c.UserId == user.Id && c.SessionId != current);
        // The security stamp changed with the password: a fresh cookie for this session keeps it signed in.
        await SignInAsync(http, user, current);
    }

    /// <summary>After an admin set <paramref name="user"/>'s password: every session ends, the next sign-in must change it.</summary>
    public async Task PasswordResetAsync(IdentityUser user, CancellationToken cancellationToken)
    {
        var marks = (await users.GetClaimsAsync(user)).Where(c => c.Type == SessionClaims.MustChangePassword).ToList();
        if (marks.Count == 0)
        {
            await users.AddClaimAsync(user, new Claim(SessionClaims.MustChangePassword, Reset));
        }

        await EndEverywhereAsync(user, cancellationToken);
    }

    /// <summary>Ends every session and live connection of <paramref name="user"/> (deleted, demoted, password reset).</summary>
    public async Task EndEverywhereAsync(IdentityUser user, CancellationToken cancellationToken)
    {
        await sessions.EndAllAsync(user.Id, keep: null, cancellationToken);
        live.CloseUser(user.Id);
    }
}
