using Microsoft.AspNetCore.Identity;
using Portal.Contracts.Api;

namespace Portal.Server.Auth;

/// <summary>Each portal user holds exactly one role; these helpers keep it that way.</summary>
public static class UserRoles
{
    public static async Task<string> RoleOfAsync(this UserManager<IdentityUser> users, IdentityUser user)
    {
        var roles = await users.GetRolesAsync(user);
        return roles.OrderByDescending(r => Roles.All.ToList().IndexOf(r)).FirstOrDefault() ?? Roles.Viewer;
    }

    public static async Task<IdentityResult> SetRoleAsync(this UserManager<IdentityUser> users, IdentityUser user, string role)
    {
        var current = await users.GetRolesAsync(user);
        var removed = await users.RemoveFromRolesAsync(user, current.Where(r => r != role));
        if (!removed.Succeeded || current.Contains(role))
        {
            return removed;
        }

        return await users.AddToRoleAsync(user, role);
    }
}
