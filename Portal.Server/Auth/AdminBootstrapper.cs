using System.Security.Cryptography;
using Microsoft.AspNetCore.Identity;
using Portal.Core.Api;

namespace Portal.Server.Auth;

/// <summary>
/// Creates the roles and, on a database without users, the first admin from <c>Portal:Bootstrap:*</c>. When no
/// password is configured one is generated and logged this once: it is the only way in on a fresh install.
/// </summary>
internal sealed class AdminBootstrapper(IServiceScopeFactory scopes, IConfiguration configuration, ILogger<AdminBootstrapper> logger)
    : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var roles = scope.ServiceProvider.GetRequiredService<RoleManager<IdentityRole>>();
        foreach (var role in Roles.All)
        {
            if (!await roles.RoleExistsAsync(role))
            {
                Check(await roles.CreateAsync(new IdentityRole(role)), $"create role {role}");
            }
        }

        var users = scope.ServiceProvider.GetRequiredService<UserManager<IdentityUser>>();
        if (users.Users.Any())
        {
            return;
        }

        var userName = configuration["Portal:Bootstrap:AdminUser"] is { Length: > 0 } configured ? configured : "admin";
        var password = configuration["Portal:Bootstrap:AdminPassword"];
        var generated = string.IsNullOrEmpty(password);
        if (generated)
        {
            password = RandomNumberGenerator.GetString("abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789", 20);
        }

        var admin = new IdentityUser(userName);
        Check(await users.CreateAsync(admin, password!), $"create the bootstrap admin '{userName}'");
        Check(await users.AddToRoleAsync(admin, Roles.Admin), $"make '{userName}' an admin");
        if (generated)
        {
            logger.LogWarning(
                "Bootstrap admin created: user '{User}', password '{Password}'. It is shown only this once; "
                + "set Portal:Bootstrap:AdminPassword to choose it yourself.", userName, password);
        }
        else
        {
            logger.LogInformation("Bootstrap admin '{User}' created with the configured password", userName);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private static void Check(IdentityResult result, string what)
    {
        if (!result.Succeeded)
        {
            throw new InvalidOperationException(
                $"Could not {what}: {string.Join("; ", result.Errors.Select(e => e.Description))}");
        }
    }
}
