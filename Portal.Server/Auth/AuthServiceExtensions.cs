using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Portal.Contracts.Api;
using Portal.Server.Agents;
using Portal.Server.Data;
using Portal.Server.Sessions;

namespace Portal.Server.Auth;

public static class AuthServiceExtensions
{
    /// <summary>
    /// Identity with a cookie for people, the AgentToken scheme for agents, and a fallback policy so that every
    /// endpoint needs a signed-in user unless it says otherwise (login, healthz, the pages and static files).
    /// CSRF: the cookie is SameSite=Strict and every change endpoint takes a JSON body (anything else gets 415),
    /// which a cross-site form cannot send; Blazor's antiforgery middleware still guards its own forms.
    /// </summary>
    public static IHostApplicationBuilder AddPortalAuth(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddAuthentication(IdentityConstants.ApplicationScheme)
            .AddIdentityCookies();
        services.AddAuthentication()
            .AddScheme<AuthenticationSchemeOptions, AgentTokenHandler>(AgentTokenHandler.SchemeName, null);

        services.ConfigureApplicationCookie(cookie =>
        {
            cookie.Cookie.Name = "portal.auth";
            cookie.Cookie.HttpOnly = true;
            cookie.Cookie.SameSite = SameSiteMode.Strict;
            // Secure unless Portal:AllowInsecureHttp (TransportSecurity).
            cookie.LoginPath = "/login";
            cookie.AccessDeniedPath = "/login";
            cookie.ExpireTimeSpan = TimeSpan.FromHours(8);
            cookie.SlidingExpiration = true;
            ApiCookieEvents.Apply(cookie.Events);
        });
        services.Configure<SecurityStampValidatorOptions>(o =>
        {
            o.ValidationInterval = TimeSpan.FromMinutes(1);
            o.OnRefreshingPrincipal = ApiCookieEvents.KeepSession;
        });
        services.AddTransportSecurity();

        services.AddIdentityCore<IdentityUser>(o =>
            {
                o.Password.RequiredLength = PasswordRules.MinimumLength;
                o.Password.RequireDigit = false;
                o.Password.RequireLowercase = false;
                o.Password.RequireUppercase = false;
                o.Password.RequireNonAlphanumeric = false;
                // Identity's lockout is per account (anyone could lock the admin out); LoginLockout counts per client.
                o.Lockout.AllowedForNewUsers = false;
                o.User.RequireUniqueEmail = false;
            })
            .AddRoles<IdentityRole>()
            .AddEntityFrameworkStores<PortalDbContext>()
            .AddSignInManager();

        services.AddAuthorizationBuilder()
            .SetFallbackPolicy(new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build())
            .AddPolicy(Policies.Viewer, p => p.RequireRole(Roles.Viewer, Roles.Operator, Roles.Admin))
            .AddPolicy(Policies.Operator, p => p.RequireRole(Roles.Operator, Roles.Admin))
            .AddPolicy(Policies.Admin, p => p.RequireRole(Roles.Admin))
            .AddPolicy(Policies.Agent, p => p
                .AddAuthenticationSchemes(AgentTokenHandler.SchemeName)
                .RequireClaim(AgentTokenHandler.HostClaim));

        services.AddPortalAccounts();
        services.AddHostedService<AdminBootstrapper>();
        return builder;
    }
}
