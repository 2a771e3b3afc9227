using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using Portal.Contracts.Api;
using Portal.Server.Tests.Infrastructure;

namespace Portal.Server.Tests.Accounts;

/// <summary>Sessions end on the server: a kept cookie is worth nothing after sign-out, live connections close.</summary>
public sealed class SessionTests
{
    private static readonly TimeSpan Minute = TimeSpan.FromMinutes(1);

    [Fact]
    public async Task Logout_ReplayedCookie_401()
    {
        await using var factory = new PortalFactory();
        using var viewer = await PortalClient.WithRoleAsync(factory, Roles.Viewer);
        var kept = viewer.CookieHeader;
        using var logout = await viewer.Http.PostAsync("/api/auth/logout", null, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.NoContent, logout.StatusCode);

        using var replay = factory.CreateDefaultClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/auth/me");
        request.Headers.Add("Cookie", kept);
        using var me = await replay.SendAsync(request, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Unauthorized, me.StatusCode);
    }

    [Fact]
    public async Task Login_PlainHttpNotAllowed_CookieIsSecure()
    {
        await using var factory = new PortalFactory { Settings = { ["Portal:AllowInsecureHttp"] = "false" } };
        using var raw = factory.CreateDefaultClient();
        using var login = await raw.PostAsJsonAsync(
            "/api/auth/login", new LoginRequest(PortalFactory.AdminUser, PortalFactory.BootstrapPassword), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, login.StatusCode);
        var cookie = Assert.Single(login.Headers.GetValues("Set-Cookie"), c => c.StartsWith("portal.auth", StringComparison.Ordinal));
        Assert.Contains("secure", cookie, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Login_InsecureHttpAllowed_CookieNotSecureOnHttp()
    {
        await using var factory = new PortalFactory();
        using var raw = factory.CreateDefaultClient();
        using var login = await raw.PostAsJsonAsync(
            "/api/auth/login", new LoginRequest(PortalFactory.AdminUser, PortalFactory.BootstrapPassword), TestContext.Current.CancellationToken);
        var cookie = Assert.Single(login.Headers.GetValues("Set-Cookie"), c => c.StartsWith("portal.auth", StringComparison.Ordinal));
        Assert.DoesNotContain("secure", cookie, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Https_OutsideDevelopment_Hsts()
    {
        await using var factory = new PortalFactory { Customize = b => b.UseEnvironment("Production") };
        factory.ClientOptions.BaseAddress = new Uri("https://portal.example/");
        using var client = factory.CreateClient();
        using var response = await client.GetAsync("/healthz", TestContext.Current.CancellationToken);
        Assert.True(response.Headers.Contains("Strict-Transport-Security"));
    }

    [Theory]
    [InlineData("deleted")]
    [InlineData("demoted")]
    [InlineData("signed-out")]
    public async Task LiveConnection_UserDeletedDemotedOrSignedOut_ClosedWithinAMinute(string what)
    {
        await using var factory = new PortalFactory();
        using var admin = await PortalClient.AdminAsync(factory);
        using var user = await PortalClient.WithRoleAsync(factory, Roles.Operator);
        var name = (await user.GetAsync<CurrentUser>("/api/auth/me")).UserName;
        await using var browser = await TestBrowser.ConnectAsync(factory, user);
        await browser.Connection.InvokeAsync("Watch", "*", TestContext.Current.CancellationToken);

        using var done = what switch
        {
            "deleted" => await admin.Http.DeleteAsync($"/api/users/{name}", TestContext.Current.CancellationToken),
            "demoted" => await admin.Http.PutAsJsonAsync($"/api/users/{name}/role", new UserRoleRequest(Roles.Viewer), TestContext.Current.CancellationToken),
            _ => await user.Http.PostAsync("/api/auth/logout", null, TestContext.Current.CancellationToken),
        };
        Assert.True(done.IsSuccessStatusCode, $"{what}: {(int)done.StatusCode}");
        await browser.Closed.WaitAsync(Minute, TestContext.Current.CancellationToken);
    }

    [Fact]
    public async Task LiveConnection_SecurityStampChangedElsewhere_ClosedByThePeriodicCheck()
    {
        await using var factory = new PortalFactory { Settings = { ["Portal:Auth:LiveCheckInterval"] = "00:00:01" } };
        using var user = await PortalClient.WithRoleAsync(factory, Roles.Viewer);
        var name = (await user.GetAsync<CurrentUser>("/api/auth/me")).UserName;
        await using var browser = await TestBrowser.ConnectAsync(factory, user);

        // A change no route announces (as a role edit by another tool would be): only the periodic check sees it.
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<IdentityUser>>();
            await users.UpdateSecurityStampAsync((await users.FindByNameAsync(name))!);
        }

        await browser.Closed.WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);
    }
}
