using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Portal.Contracts.Api;
using Portal.Server.Auth;
using Portal.Server.Sessions;

namespace Portal.Server.Api;

public static class AuthApi
{
    private const string WrongCredentials = "wrong user name or password";

    public static IEndpointRouteBuilder MapAuthApi(this IEndpointRouteBuilder endpoints)
    {
        var auth = endpoints.MapGroup("/api/auth").WithTags("Auth");
        auth.MapPost("/login", LoginAsync).AllowAnonymous().RequireRateLimiting(LoginRateLimit.Policy);
        auth.MapPost("/logout", LogoutAsync);
        auth.MapGet("/me", Me);
        auth.MapPost("/password", ChangePasswordAsync);
        return endpoints;
    }

    /// <summary>
    /// An unknown name and a wrong password get the same 401 body after the same work (a hash verified either way),
    /// and count towards the same (name, client address) lockout.
    /// </summary>
    private static async Task<Results<Ok<CurrentUser>, ValidationProblem, ProblemHttpResult>> LoginAsync(
        LoginRequest? request, HttpContext http, UserManager<IdentityUser> users, Accounts accounts, LoginLockout lockout, DummyPassword dummy)
    {
        if (string.IsNullOrWhiteSpace(request?.UserName))
        {
            return Problems.Invalid("userName", "The user name is required.");
        }

        if (string.IsNullOrEmpty(request.Password))
        {
            return Problems.Invalid("password", "The password is required.");
        }

        var client = http.Connection.RemoteIpAddress;
        if (lockout.LockedFor(request.UserName, client) is { } wait)
        {
            return TooManyFailures(http, wait);
        }

        var user = await users.FindByNameAsync(request.UserName);
        var valid = false;
        if (user is null)
        {
            dummy.Verify(request.Password);
        }
        else
        {
            valid = await users.CheckPasswordAsync(user, request.Password);
        }

        if (user is null || !valid)
        {
            lockout.Failed(request.UserName, client);
            return Problems.Unauthorized(WrongCredentials);
        }

        lockout.Succeeded(request.UserName, client);
        await accounts.SignInAsync(http, user);
        return TypedResults.Ok(new CurrentUser(user.UserName!, await users.RoleOfAsync(user), await MustChangeAsync(users, user)));
    }

    private static async Task<NoContent> LogoutAsync(HttpContext http, Accounts accounts)
    {
        await accounts.SignOutAsync(http);
        return TypedResults.NoContent();
    }

    private static Ok<CurrentUser> Me(ClaimsPrincipal user)
    {
        var role = Roles.All.LastOrDefault(user.IsInRole) ?? Roles.Viewer;
        return TypedResults.Ok(new CurrentUser(user.Identity!.Name!, role, user.HasClaim(c => c.Type == SessionClaims.MustChangePassword)));
    }

    /// <summary>
    /// The signed-in user's own change. A wrong current password counts as a failed sign-in (a stolen cookie must
    /// not become a free password oracle); the session stays, every other session of the user ends.
    /// </summary>
    private static async Task<Results<Ok<CurrentUser>, ValidationProblem, ProblemHttpResult>> ChangePasswordAsync(
        ChangePasswordRequest? request, HttpContext http, UserManager<IdentityUser> users, Accounts accounts, LoginLockout lockout)
    {
        if (string.IsNullOrEmpty(request?.CurrentPassword))
        {
            return Problems.Invalid("currentPassword", "The current password is required.");
        }

        if (string.IsNullOrEmpty(request.NewPassword))
        {
            return Problems.Invalid("newPassword", "The new password is required.");
        }

        if (request.NewPassword == request.CurrentPassword)
        {
            return Problems.Invalid("newPassword", "The new password must differ from the current one.");
        }

        var user = await users.GetUserAsync(http.User);
        if (user is null)
        {
            return Problems.Unauthorized("the signed-in user no longer exists");
        }

        var client = http.Connection.RemoteIpAddress;
        if (lockout.LockedFor(user.UserName!, client) is { } wait)
        {
            return TooManyFailures(http, wait);
        }

        if (await PasswordRules.CheckAsync(users, user, request.NewPassword) is { } invalid)
        {
            return Problems.Invalid("newPassword", invalid);
        }

        var changed = await users.ChangePasswordAsync(user, request.CurrentPassword, request.NewPassword);
        if (!changed.Succeeded)
        {
            if (changed.Errors.Any(e => e.Code == nameof(IdentityErrorDescriber.PasswordMismatch)))
            {
                lockout.Failed(user.UserName!, client);
                return Problems.Invalid("currentPassword", "The current password is wrong.");
            }

            return Problems.Invalid("newPassword", string.Join(" ", changed.Errors.Select(e => e.Description)));
        }

        lockout.Succeeded(user.UserName!, client);
        await accounts.PasswordChangedAsync(http, user);
        return TypedResults.Ok(new CurrentUser(user.UserName!, await users.RoleOfAsync(user), false));
    }

    private static async Task<bool> MustChangeAsync(UserManager<IdentityUser> users, IdentityUser user) =>
        (await users.GetClaimsAsync(user)).Any(c => c.Type == SessionClaims.MustChangePassword);

    private static ProblemHttpResult TooManyFailures(HttpContext http, TimeSpan wait)
    {
        var seconds = (int)Math.Ceiling(wait.TotalSeconds);
        http.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        return TypedResults.Problem(
            detail: $"too many failed sign-ins for this user from your address: try again in {seconds} s",
            statusCode: StatusCodes.Status429TooManyRequests,
            title: "Too many requests");
    }
}
