using System.Net;
using System.Net.Http.Json;
using Portal.Contracts.Api;
using Portal.Contracts.Model;

namespace Portal.FleetSim.Server;

/// <summary>
/// A signed-in HTTP session of the REST API (its own cookie jar), sending <c>X-Requested-With</c> as the browser app
/// and scripts do: the admin creating hosts and users, or a viewer whose cookie a simulated browser carries.
/// </summary>
public sealed class PortalSession : IDisposable
{
    private readonly CookieContainer _cookies = new();
    private readonly Uri _server;

    private PortalSession(Uri server)
    {
        _server = server;
        Http = new HttpClient(new HttpClientHandler { CookieContainer = _cookies }) { BaseAddress = server, Timeout = TimeSpan.FromSeconds(100) };
        Http.DefaultRequestHeaders.Add("X-Requested-With", "portal-fleetsim");
    }

    public HttpClient Http { get; }

    public string CookieHeader => _cookies.GetCookieHeader(_server);

    public static async Task<PortalSession> SignInAsync(Uri server, string user, string password, CancellationToken cancellationToken)
    {
        var session = new PortalSession(server);
        using var response = await session.Http.PostAsJsonAsync("api/auth/login", new LoginRequest(user, password), cancellationToken);
        if (response.StatusCode != HttpStatusCode.OK)
        {
            session.Dispose();
            throw new InvalidOperationException($"sign-in of '{user}' at {server}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(cancellationToken)}");
        }

        return session;
    }

    /// <summary>The bootstrap admin's first sign-in: its generated or configured password must be changed first.</summary>
    public static async Task ChangeBootstrapPasswordAsync(Uri server, string user, string bootstrap, string password, CancellationToken cancellationToken)
    {
        using var session = await SignInAsync(server, user, bootstrap, cancellationToken);
        using var change = await session.Http.PostAsJsonAsync("api/auth/password", new ChangePasswordRequest(bootstrap, password), cancellationToken);
        change.EnsureSuccessStatusCode();
    }

    public async Task<CreatedHost> CreateHostAsync(string name, CancellationToken cancellationToken)
    {
        using var response = await Http.PostAsJsonAsync("api/hosts", new CreateHostRequest(name), cancellationToken);
        if (response.StatusCode != HttpStatusCode.Created)
        {
            throw new InvalidOperationException($"creating host '{name}': {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(cancellationToken)}");
        }

        return (await response.Content.ReadFromJsonAsync<CreatedHost>(PortalJson.Options, cancellationToken))!;
    }

    public async Task CreateUserAsync(string name, string password, string role, CancellationToken cancellationToken)
    {
        using var response = await Http.PostAsJsonAsync("api/users", new CreateUserRequest(name, password, role), cancellationToken);
        if (response.StatusCode != HttpStatusCode.Created)
        {
            throw new InvalidOperationException($"creating user '{name}': {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(cancellationToken)}");
        }
    }

    public void Dispose() => Http.Dispose();
}
