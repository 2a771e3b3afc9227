using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Portal.Contracts.Api;
using Portal.Server.Auth;

namespace Portal.Server.Api;

/// <summary>
/// User management for admins. Each user has one role; the last admin can be neither demoted nor deleted (checked
/// and changed under <see cref="AdminChanges"/>, so also not by two requests at once). A role change, a password
/// reset and a deletion end the user's sessions and live connections at once.
/// </summary>
public static class UsersApi
{
    public static IEndpointRouteBuilder MapUsersApi(this IEndpointRouteBuilder endpoints)
    {
        var users = endpoints.MapGroup("/api/users").WithTags("Users").RequireAuthorization(Policies.Admin);
        users.MapGet("", ListAsync);
        users.MapPost("", CreateAsync);
        users.MapPut("/{name}/role", SetRoleAsync);
        users.MapPut("/{name}/password", ResetPasswordAsync);
        users.MapDelete("/{name}", DeleteAsync);
        return endpoints;
    }

    private static async Task<Ok<List<UserSummary>>> ListAsync(
        UserManager<IdentityUser> users, LoginLockout lockout, CancellationToken cancellationToken)
    {
        var all = await users.Users.OrderBy(u => u.UserName).ToListAsync(cancellationToken);
        var summaries = new List<UserSummary>(all.Count);
        foreach (var user in all)
        {
            summaries.Add(await SummaryAsync(users, lockout, user));
        }

        return TypedResults.Ok(summaries);
    }

    private static async Task<Results<Created<UserSummary>, ValidationProblem, ProblemHttpResult>> CreateAsync(
        CreateUserRequest? request, UserManager<IdentityUser> users, LoginLockout lockout)
    {
        if (string.IsNullOrWhiteSpace(request?.UserName))
        {
            return Problems.Invalid("userName", "The user name is required.");
        }

        if (string.IsNullOrEmpty(request.Password))
        {
            return Problems.Invalid("password", "The password is required.");
        }

        if (!Roles.All.Contains(request.Role))
        {
            return Problems.Invalid("role", $"The role must be one of {string.Join(", ", Roles.All)}.");
        }

        if (await users.FindByNameAsync(request.UserName) is not null)
        {
            return Problems.Conflict($"user '{request.UserName}' already exists");
        }

        var user = new IdentityUser(request.UserName);
        var created = await users.CreateAsync(user, request.Password);
        if (!created.Succeeded)
        {
            return Problems.Invalid(ErrorsByField(created));
        }

        await users.AddToRoleAsync(user, request.Role);
        return TypedResults.Created($"/api/users/{Uri.EscapeDataString(user.UserName!)}", await SummaryAsync(users, lockout, user));
    }

    private static async Task<Results<Ok<UserSummary>, ValidationProblem, ProblemHttpResult>> SetRoleAsync(
        string name, UserRoleRequest? request, UserManager<IdentityUser> users, LoginLockout lockout, AdminChanges admins,
        Accounts accounts, CancellationToken cancellationToken)
    {
        if (request is null || !Roles.All.Contains(request.Role))
        {
            return Problems.Invalid("role", $"The role must be one of {string.Join(", ", Roles.All)}.");
        }

        return await admins.RunAsync<Results<Ok<UserSummary>, ValidationProblem, ProblemHttpResult>>(async () =>
        {
            var user = await users.FindByNameAsync(name);
            if (user is null)
            {
                return Problems.NotFound($"user '{name}' not found");
            }

            if (request.Role != Roles.Admin && await IsLastAdminAsync(users, user))
            {
                return Problems.Conflict($"user '{name}' is the last admin");
            }

            if (await users.RoleOfAsync(user) != request.Role)
            {
                await users.SetRoleAsync(user, request.Role);
                // A new stamp rejects the user's other cookies; the sessions and live connections end right away.
                await users.UpdateSecurityStampAsync(user);
                await accounts.EndEverywhereAsync(user, cancellationToken);
            }

            return TypedResults.Ok(await SummaryAsync(users, lockout, user));
        }, cancellationToken);
    }

    private static async Task<Results<NoContent, ValidationProblem, ProblemHttpResult>> ResetPasswordAsync(
        string name, ResetPasswordRequest? request, UserManager<IdentityUser> users, Accounts accounts, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(request?.Password))
        {
            return Problems.Invalid("password", "The password is required.");
        }

        var user = await users.FindByNameAsync(name);
        if (user is null)
        {
            return Problems.NotFound($"user '{name}' not found");
        }

        if (await PasswordRules.CheckAsync(users, user, request.Password) is { } invalid)
        {
            return Problems.Invalid("password", invalid);
        }

        // Validated above, so nothing is half-applied; the stamp update saves the new hash with it.
        user.PasswordHash = users.PasswordHasher.HashPassword(user, request.Password);
        var saved = await users.UpdateSecurityStampAsync(user);
        if (!saved.Succeeded)
        {
            return Problems.Conflict(string.Join(" ", saved.Errors.Select(e => e.Description)));
        }

        await accounts.PasswordResetAsync(user, cancellationToken);
        return TypedResults.NoContent();
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> DeleteAsync(
        string name, UserManager<IdentityUser> users, HttpContext http, AdminChanges admins, Accounts accounts,
        CancellationToken cancellationToken)
    {
        return await admins.RunAsync<Results<NoContent, ProblemHttpResult>>(async () =>
        {
            var user = await users.FindByNameAsync(name);
            if (user is null)
            {
                return Problems.NotFound($"user '{name}' not found");
            }

            if (string.Equals(user.UserName, http.User.Identity?.Name, StringComparison.OrdinalIgnoreCase))
            {
                return Problems.Conflict("you cannot delete yourself");
            }

            if (await IsLastAdminAsync(users, user))
            {
                return Problems.Conflict($"user '{name}' is the last admin");
            }

            await accounts.EndEverywhereAsync(user, cancellationToken);
            await users.DeleteAsync(user);
            return TypedResults.NoContent();
        }, cancellationToken);
    }

    private static async Task<bool> IsLastAdminAsync(UserManager<IdentityUser> users, IdentityUser user) =>
        await users.IsInRoleAsync(user, Roles.Admin) && (await users.GetUsersInRoleAsync(Roles.Admin)).Count <= 1;

    // Locked out = some client address is locked out of this user (see LoginLockout), not the account as a whole.
    private static async Task<UserSummary> SummaryAsync(UserManager<IdentityUser> users, LoginLockout lockout, IdentityUser user) =>
        new(user.UserName!, await users.RoleOfAsync(user), lockout.IsLockedAnywhere(user.UserName!));

    // Identity's error codes say which field they are about: "PasswordTooShort", "InvalidUserName", ...
    private static Dictionary<string, string[]> ErrorsByField(IdentityResult result) =>
        result.Errors
            .GroupBy(e => e.Code.Contains("Password", StringComparison.Ordinal) ? "password" : "userName")
            .ToDictionary(g => g.Key, g => g.Select(e => e.Description).ToArray());
}
