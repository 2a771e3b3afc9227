using System.Security.Claims;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Identity;
using Portal.Contracts.Api;
using Portal.Server.Sessions;

namespace Portal.Server.Auth;

/// <summary>
/// Creates the roles and, on a database without users, the first admin from <c>Portal:Bootstrap:*</c>. When no
/// password is configured one is generated and written to <see cref="BootstrapPasswordFile"/> (never to the log).
/// Either way the admin must change it at the first sign-in: a configured one sits in an environment or a file
/// that others may read.
/// </summary>
internal sealed class AdminBootstrapper(
    IServiceScopeFactory scopes, IConfiguration configuration, BootstrapPasswordFile passwordFile, ILogger<AdminBootstrapper> logger)
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
            await passwordFile.WriteAsync(password, cancellationToken);
        }

        var admin = new IdentityUser(userName);
        Check(await users.CreateAsync(admin, password!), $"create the bootstrap admin '{userName}'");
        Check(await users.AddToRoleAsync(admin, Roles.Admin), $"make '{userName}' an admin");
        Check(await users.AddClaimAsync(admin, new Claim(SessionClaims.MustChangePassword, Accounts.Bootstrap)), "mark the bootstrap password as temporary");
        if (generated)
        {
            logger.LogWarning(
                "Bootstrap admin '{User}' created with a generated password, written to {File} (readable by this "
                + "user only). Sign in with it and choose a new one; the file is deleted then.", userName, passwordFile.Path);
        }
        else
        {
            logger.LogInformation("Bootstrap admin '{User}' created with the configured password; it must be changed at the first sign-in", userName);
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
