using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Mvc.Testing.Handlers;
using Portal.Core.Api;
using Portal.Core.Model;

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

    public static Task<PortalClient> AdminAsync(PortalFactory factory) =>
        SignedInAsync(factory, PortalFactory.AdminUser, PortalFactory.AdminPassword);

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
