using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Portal.Core.Api;
using Portal.Server.Auth;

namespace Portal.Server.Api;

/// <summary>User management for admins. Each user has one role; the last admin can be neither demoted nor deleted.</summary>
public static class UsersApi
{
    public static IEndpointRouteBuilder MapUsersApi(this IEndpointRouteBuilder endpoints)
    {
        var users = endpoints.MapGroup("/api/users").WithTags("Users").RequireAuthorization(Policies.Admin);
        users.MapGet("", ListAsync);
        users.MapPost("", CreateAsync);
        users.MapPut("/{name}/role", SetRoleAsync);
        users.MapDelete("/{name}", DeleteAsync);
        return endpoints;
    }

    private static async Task<Ok<List<UserSummary>>> ListAsync(UserManager<IdentityUser> users, CancellationToken cancellationToken)
    {
        var all = await users.Users.OrderBy(u => u.UserName).ToListAsync(cancellationToken);
        var summaries = new List<UserSummary>(all.Count);
        foreach (var user in all)
        {
            summaries.Add(await SummaryAsync(users, user));
        }

        return TypedResults.Ok(summaries);
    }

    private static async Task<Results<Created<UserSummary>, ValidationProblem, ProblemHttpResult>> CreateAsync(
        CreateUserRequest? request, UserManager<IdentityUser> users)
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
        return TypedResults.Created($"/api/users/{Uri.EscapeDataString(user.UserName!)}", await SummaryAsync(users, user));
    }

    private static async Task<Results<Ok<UserSummary>, ValidationProblem, ProblemHttpResult>> SetRoleAsync(
        string name, UserRoleRequest? request, UserManager<IdentityUser> users)
    {
        if (request is null || !Roles.All.Contains(request.Role))
        {
            return Problems.Invalid("role", $"The role must be one of {string.Join(", ", Roles.All)}.");
        }

        var user = await users.FindByNameAsync(name);
        if (user is null)
        {
            return Problems.NotFound($"user '{name}' not found");
        }

        if (request.Role != Roles.Admin && await IsLastAdminAsync(users, user))
        {
            return Problems.Conflict($"user '{name}' is the last admin");
        }

        await users.SetRoleAsync(user, request.Role);
        // A new stamp makes the user's existing cookie re-validate and pick up the new role.
        await users.UpdateSecurityStampAsync(user);
        return TypedResults.Ok(await SummaryAsync(users, user));
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> DeleteAsync(
        string name, UserManager<IdentityUser> users, HttpContext http)
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

        await users.DeleteAsync(user);
        return TypedResults.NoContent();
    }

    private static async Task<bool> IsLastAdminAsync(UserManager<IdentityUser> users, IdentityUser user) =>
        await users.IsInRoleAsync(user, Roles.Admin) && (await users.GetUsersInRoleAsync(Roles.Admin)).Count <= 1;

    private static async Task<UserSummary> SummaryAsync(UserManager<IdentityUser> users, IdentityUser user) =>
        new(user.UserName!, await users.RoleOfAsync(user), await users.IsLockedOutAsync(user));

    // Identity's error codes say which field they are about: "PasswordTooShort", "InvalidUserName", ...
    private static Dictionary<string, string[]> ErrorsByField(IdentityResult result) =>
        result.Errors
            .GroupBy(e => e.Code.Contains("Password", StringComparison.Ordinal) ? "password" : "userName")
            .ToDictionary(g => g.Key, g => g.Select(e => e.Description).ToArray());
}
