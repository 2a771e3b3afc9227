using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Mvc.Testing.Handlers;
using Portal.Contracts.Api;
using Portal.Contracts.Model;

namespace Portal.Server.Tests.Infrastructure;

/// <summary>An HTTP client of the test server with its own cookie jar, as a script or a browser would have.</summary>
public sealed class PortalClient : IDisposable
{
    private PortalClient(PortalFactory factory)
    {
        Cookies = new CookieContainer();
        Http = factory.CreateDefaultClient(new CookieContainerHandler(Cookies));
    }

    public HttpClient Http { get; }

    public CookieContainer Cookies { get; }

    public static PortalClient Anonymous(PortalFactory factory) => new(factory);

    public static async Task<PortalClient> SignedInAsync(PortalFactory factory, string user, string password)
    {
        var client = new PortalClient(factory);
        var response = await client.Http.PostAsJsonAsync(
            "/api/auth/login", new LoginRequest(user, password), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return client;
    }

    /// <summary>The bootstrap admin, after its first-sign-in password change (made once per server).</summary>
    public static async Task<PortalClient> AdminAsync(PortalFactory factory)
    {
        await factory.EnsureAdminPasswordChangedAsync();
        return await SignedInAsync(factory, PortalFactory.AdminUser, PortalFactory.AdminPassword);
    }

    /// <summary>
    /// Signs in with the bootstrap password and changes it to <see cref="PortalFactory.AdminPassword"/>; a 401
    /// means an earlier server on the same file already did.
    /// </summary>
    internal static async Task ChangeBootstrapPasswordAsync(PortalFactory factory)
    {
        using var client = new PortalClient(factory);
        var cancellationToken = TestContext.Current.CancellationToken;
        using var login = await client.Http.PostAsJsonAsync(
            "/api/auth/login", new LoginRequest(PortalFactory.AdminUser, PortalFactory.BootstrapPassword), cancellationToken);
        if (login.StatusCode == HttpStatusCode.Unauthorized)
        {
            return;
        }

        Assert.Equal(HttpStatusCode.OK, login.StatusCode);
        using var change = await client.Http.PostAsJsonAsync(
            "/api/auth/password", new ChangePasswordRequest(PortalFactory.BootstrapPassword, PortalFactory.AdminPassword), cancellationToken);
        Assert.Equal(HttpStatusCode.OK, change.StatusCode);
    }

    /// <summary>Creates a user with <paramref name="role"/> (as admin) and signs in as that user.</summary>
    public static async Task<PortalClient> WithRoleAsync(PortalFactory factory, string role)
    {
        var name = $"{role}-{Guid.NewGuid():N}"[..20];
        const string password = "password-of-a-user";
        using var admin = await AdminAsync(factory);
        var created = await admin.Http.PostAsJsonAsync(
            "/api/users", new CreateUserRequest(name, password, role), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        return await SignedInAsync(factory, name, password);
    }

    public async Task<CreatedHost> CreateHostAsync(string? name = null)
    {
        name ??= "h" + Guid.NewGuid().ToString("N")[..10];
        var response = await Http.PostAsJsonAsync("/api/hosts", new CreateHostRequest(name), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<CreatedHost>(PortalJson.Options, TestContext.Current.CancellationToken))!;
    }

    public async Task<T> GetAsync<T>(string path)
    {
        var response = await Http.GetAsync(path, TestContext.Current.CancellationToken);
        Assert.True(response.IsSuccessStatusCode, $"GET {path}: {(int)response.StatusCode}");
        return (await response.Content.ReadFromJsonAsync<T>(PortalJson.Options, TestContext.Current.CancellationToken))!;
    }

    public string CookieHeader => Cookies.GetCookieHeader(Http.BaseAddress!);

    public void Dispose() => Http.Dispose();
}
