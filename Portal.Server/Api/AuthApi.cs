using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Portal.Core.Api;
using Portal.Server.Auth;

namespace Portal.Server.Api;

public static class AuthApi
{
    public static IEndpointRouteBuilder MapAuthApi(this IEndpointRouteBuilder endpoints)
    {
        var auth = endpoints.MapGroup("/api/auth").WithTags("Auth");
        auth.MapPost("/login", LoginAsync).AllowAnonymous();
        auth.MapPost("/logout", LogoutAsync);
        auth.MapGet("/me", Me);
        return endpoints;
    }

    private static async Task<Results<Ok<CurrentUser>, ValidationProblem, ProblemHttpResult>> LoginAsync(
        LoginRequest? request, SignInManager<IdentityUser> signIn, UserManager<IdentityUser> users)
    {
        if (string.IsNullOrWhiteSpace(request?.UserName))
        {
            return Problems.Invalid("userName", "The user name is required.");
        }

        if (string.IsNullOrEmpty(request.Password))
        {
            return Problems.Invalid("password", "The password is required.");
        }

        var user = await users.FindByNameAsync(request.UserName);
        if (user is null)
        {
            return Problems.Unauthorized("wrong user name or password");
        }

        var result = await signIn.PasswordSignInAsync(user, request.Password, isPersistent: false, lockoutOnFailure: true);
        if (result.IsLockedOut)
        {
            return Problems.Unauthorized("too many failed sign-ins: the account is locked for a few minutes");
        }

        if (!result.Succeeded)
        {
            return Problems.Unauthorized("wrong user name or password");
        }

        return TypedResults.Ok(new CurrentUser(user.UserName!, await users.RoleOfAsync(user)));
    }

    private static async Task<NoContent> LogoutAsync(SignInManager<IdentityUser> signIn)
    {
        await signIn.SignOutAsync();
        return TypedResults.NoContent();
    }

    private static Ok<CurrentUser> Me(ClaimsPrincipal user)
    {
        var role = Roles.All.LastOrDefault(user.IsInRole) ?? Roles.Viewer;
        return TypedResults.Ok(new CurrentUser(user.Identity!.Name!, role));
    }
}
