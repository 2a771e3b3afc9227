using Microsoft.AspNetCore.Identity;

namespace Portal.Server.Auth;

/// <summary>Runs Identity's password validators (minimum length 12, set in AddPortalAuth) before anything changes.</summary>
public static class PasswordRules
{
    public const int MinimumLength = 12;

    /// <summary>The validators' messages joined, or null when <paramref name="password"/> is acceptable.</summary>
    public static async Task<string?> CheckAsync(UserManager<IdentityUser> users, IdentityUser user, string password)
    {
        var errors = new List<string>();
        foreach (var validator in users.PasswordValidators)
        {
            var result = await validator.ValidateAsync(users, user, password);
            errors.AddRange(result.Errors.Select(e => e.Description));
        }

        return errors.Count == 0 ? null : string.Join(" ", errors);
    }
}
