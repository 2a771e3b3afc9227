using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Portal.Contracts.Api;
using Portal.Contracts.Model;
using Portal.Server.Tests.Infrastructure;

namespace Portal.Server.Tests;

public sealed class LoginTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    [Fact]
    public async Task BootstrapAdmin_ConfiguredPassword_SignsInAsAdmin()
    {
        using var admin = await PortalClient.AdminAsync(factory);
        var me = await admin.GetAsync<CurrentUser>("/api/auth/me");
        Assert.Equal(new CurrentUser(PortalFactory.AdminUser, Roles.Admin), me);
        Assert.Contains("portal.auth", admin.CookieHeader);
    }

    [Fact]
    public async Task Login_MissingPassword_400NamingPassword()
    {
        using var client = PortalClient.Anonymous(factory);
        using var response = await client.Http.PostAsJsonAsync("/api/auth/login", new { userName = "admin" }, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);
        Assert.True(problem.GetProperty("errors").TryGetProperty("password", out _));
    }

    [Fact]
    public async Task Login_FormBody_415()
    {
        using var client = PortalClient.Anonymous(factory);
        using var form = new FormUrlEncodedContent(new Dictionary<string, string> { ["userName"] = "admin", ["password"] = "x" });
        using var response = await client.Http.PostAsync("/api/auth/login", form, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
    }

    [Fact]
    public async Task Login_WrongPassword_401ProblemAndNoCookie()
    {
        using var client = PortalClient.Anonymous(factory);
        using var response = await client.Http.PostAsJsonAsync(
            "/api/auth/login", new LoginRequest(PortalFactory.AdminUser, "wrong-password"), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.DoesNotContain("portal.auth", client.CookieHeader);
    }

    [Fact]
    public async Task Login_FiveFailures_LocksThisClientOutEvenWithTheRightPassword()
    {
        using var admin = await PortalClient.AdminAsync(factory);
        var victim = new CreateUserRequest("lockme", "password-of-lockme", Roles.Operator);
        using var created = await admin.Http.PostAsJsonAsync("/api/users", victim, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        using var client = PortalClient.Anonymous(factory);
        for (var i = 0; i < 5; i++)
        {
            using var failed = await client.Http.PostAsJsonAsync(
                "/api/auth/login", new LoginRequest(victim.UserName, "wrong-password"), TestContext.Current.CancellationToken);
            Assert.Equal(HttpStatusCode.Unauthorized, failed.StatusCode);
        }

        using var right = await client.Http.PostAsJsonAsync(
            "/api/auth/login", new LoginRequest(victim.UserName, victim.Password), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.TooManyRequests, right.StatusCode);
        Assert.True(right.Headers.RetryAfter is not null);
        var users = await admin.GetAsync<List<UserSummary>>("/api/users");
        Assert.True(users.Single(u => u.UserName == victim.UserName).LockedOut);
    }

    [Fact]
    public async Task Logout_SignedIn_CookieNoLongerWorks()
    {
        using var viewer = await PortalClient.WithRoleAsync(factory, Roles.Viewer);
        using var logout = await viewer.Http.PostAsync("/api/auth/logout", null, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.NoContent, logout.StatusCode);
        using var me = await viewer.Http.GetAsync("/api/auth/me", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Unauthorized, me.StatusCode);
    }

    [Fact]
    public async Task Users_AdminChangesRole_UserSeesNewRoleAfterSignIn()
    {
        using var admin = await PortalClient.AdminAsync(factory);
        using var created = await admin.Http.PostAsJsonAsync(
            "/api/users", new CreateUserRequest("rolechange", "password-of-rc", Roles.Viewer), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        using var put = await admin.Http.PutAsJsonAsync(
            "/api/users/rolechange/role", new UserRoleRequest(Roles.Operator), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        using var user = await PortalClient.SignedInAsync(factory, "rolechange", "password-of-rc");
        Assert.Equal(Roles.Operator, (await user.GetAsync<CurrentUser>("/api/auth/me")).Role);

        using var duplicate = await admin.Http.PostAsJsonAsync(
            "/api/users", new CreateUserRequest("rolechange", "password-of-rc", Roles.Viewer), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Conflict, duplicate.StatusCode);
        using var badRole = await admin.Http.PostAsJsonAsync(
            "/api/users", new CreateUserRequest("other", "password-of-rc", "root"), TestContext.Current.CancellationToken);
        var problem = await badRole.Content.ReadFromJsonAsync<JsonElement>(PortalJson.Options, TestContext.Current.CancellationToken);
        Assert.True(problem.GetProperty("errors").TryGetProperty("role", out _));
        using var self = await admin.Http.DeleteAsync("/api/users/admin", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Conflict, self.StatusCode);
    }
}
