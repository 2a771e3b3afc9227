using System.Net;
using System.Net.Http.Json;
using Portal.Contracts.Api;
using Portal.Contracts.Model;

namespace Portal.Packaging.Tests.Infrastructure;

/// <summary>The portal's public REST API as a script uses it: sign in once, keep the cookie.</summary>
public sealed class PortalApi(Uri baseAddress) : IDisposable
{
    private readonly HttpClient _http = new(new SocketsHttpHandler { CookieContainer = new CookieContainer() })
    {
        BaseAddress = baseAddress,
        Timeout = TimeSpan.FromSeconds(15),
        // The server refuses API changes without it (its cross-site guard), as it does a script's.
        DefaultRequestHeaders = { { "X-Requested-With", "portal-tests" } },
    };

    public async Task<HttpStatusCode?> HealthAsync(CancellationToken cancellationToken)
    {
        try
        {
            using var response = await _http.GetAsync("/healthz", cancellationToken);
            return response.StatusCode;
        }
        catch (HttpRequestException)
        {
            return null;
        }
    }

    public async Task LoginAsync(string userName, string password, CancellationToken cancellationToken)
    {
        using var response = await _http.PostAsJsonAsync("/api/auth/login", new LoginRequest(userName, password),
            PortalJson.Options, cancellationToken);
        await EnsureSuccessAsync(response, cancellationToken);
    }

    /// <summary>The signed-in user's own password change (a bootstrap password must be changed first).</summary>
    public async Task ChangePasswordAsync(string currentPassword, string newPassword, CancellationToken cancellationToken)
    {
        using var response = await _http.PostAsJsonAsync("/api/auth/password", new ChangePasswordRequest(currentPassword, newPassword),
            PortalJson.Options, cancellationToken);
        await EnsureSuccessAsync(response, cancellationToken);
    }

    public async Task<CreatedHost> CreateHostAsync(string name, CancellationToken cancellationToken)
    {
        using var response = await _http.PostAsJsonAsync("/api/hosts", new CreateHostRequest(name),
            PortalJson.Options, cancellationToken);
        await EnsureSuccessAsync(response, cancellationToken);
        return await response.Content.ReadFromJsonAsync<CreatedHost>(PortalJson.Options, cancellationToken)
            ?? throw new InvalidOperationException("POST /api/hosts answered an empty body");
    }

    public async Task<IReadOnlyList<HostSummary>> HostsAsync(CancellationToken cancellationToken) =>
        await _http.GetFromJsonAsync<List<HostSummary>>("/api/hosts", PortalJson.Options, cancellationToken) ?? [];

    public void Dispose() => _http.Dispose();

    private static async Task EnsureSuccessAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        if (!response.IsSuccessStatusCode)
        {
            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            throw new HttpRequestException(
                $"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri} answered {(int)response.StatusCode}: {body}",
                null, response.StatusCode);
        }
    }
}
