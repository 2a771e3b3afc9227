using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Portal.Client.Audit;
using Portal.Contracts.Api;
using Portal.Contracts.Intents;
using Portal.Contracts.Model;
using Portal.Core.Iptables;
using Portal.Core.Reachability;

namespace Portal.Client.Services;

/// <summary>
/// The REST API over the browser's HttpClient. The auth cookie travels by itself (same origin); a 401 on any call
/// other than sign-in tells <see cref="AuthState"/> the session is gone. Every request carries X-Requested-With, which
/// the server requires on every change (its cross-site guard).
/// </summary>
public sealed class PortalApi(HttpClient client, AuthState auth) : IPortalApi
{
    public const string RequestedWithHeader = "X-Requested-With";

    private readonly HttpClient http = WithRequestedWith(client);

    public async Task<CurrentUser> LoginAsync(LoginRequest request, CancellationToken cancellationToken)
    {
        using var response = await http.PostAsJsonAsync("api/auth/login", request, PortalJson.Options, cancellationToken);
        // A failed sign-in is the page's business to show; it is not a lost session.
        var user = await ReadAsync<CurrentUser>(response, reportUnauthorized: false, cancellationToken);
        auth.SignedIn(user);
        return user;
    }

    public async Task LogoutAsync(CancellationToken cancellationToken)
    {
        using var response = await http.PostAsync("api/auth/logout", content: null, cancellationToken);
        await EnsureAsync(response, reportUnauthorized: false, cancellationToken);
    }

    public async Task<CurrentUser?> GetMeAsync(CancellationToken cancellationToken)
    {
        using var response = await http.GetAsync("api/auth/me", cancellationToken);
        if (response.StatusCode == HttpStatusCode.Unauthorized)
        {
            auth.SignedOut();
            return null;
        }

        var user = await ReadAsync<CurrentUser>(response, reportUnauthorized: true, cancellationToken);
        auth.SignedIn(user);
        return user;
    }

    public async Task<CurrentUser> ChangePasswordAsync(ChangePasswordRequest request, CancellationToken cancellationToken)
    {
        using var response = await http.PostAsJsonAsync("api/auth/password", request, PortalJson.Options, cancellationToken);
        var user = await ReadAsync<CurrentUser>(response, reportUnauthorized: true, cancellationToken);
        auth.SignedIn(user);
        return user;
    }

    public Task<IReadOnlyList<HostSummary>> GetHostsAsync(CancellationToken cancellationToken) =>
        GetAsync<IReadOnlyList<HostSummary>>("api/hosts", cancellationToken);

    public async Task<CreatedHost> CreateHostAsync(string name, CancellationToken cancellationToken)
    {
        using var response = await http.PostAsJsonAsync("api/hosts", new CreateHostRequest(name), PortalJson.Options, cancellationToken);
        return await ReadAsync<CreatedHost>(response, reportUnauthorized: true, cancellationToken);
    }

    public Task DeleteHostAsync(string host, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Delete, $"api/hosts/{Segment(host)}", body: null, cancellationToken);

    public Task RevokeTokenAsync(string host, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Delete, $"api/hosts/{Segment(host)}/token", body: null, cancellationToken);

    public async Task<CreatedHost> ReissueTokenAsync(string host, CancellationToken cancellationToken)
    {
        using var response = await http.PostAsync($"api/hosts/{Segment(host)}/token", content: null, cancellationToken);
        return await ReadAsync<CreatedHost>(response, reportUnauthorized: true, cancellationToken);
    }

    public Task<HostStateView> GetHostStateAsync(string host, CancellationToken cancellationToken) =>
        GetAsync<HostStateView>($"api/hosts/{Segment(host)}/state", cancellationToken);

    public Task<IReadOnlyList<Bridge>> GetBridgesAsync(string host, CancellationToken cancellationToken) =>
        GetAsync<IReadOnlyList<Bridge>>($"api/hosts/{Segment(host)}/bridges", cancellationToken);

    public Task<IReadOnlyList<Container>> GetContainersAsync(string host, CancellationToken cancellationToken) =>
        GetAsync<IReadOnlyList<Container>>($"api/hosts/{Segment(host)}/containers", cancellationToken);

    public Task<IReadOnlyList<AddressView>> GetAddressesAsync(string host, CancellationToken cancellationToken) =>
        GetAsync<IReadOnlyList<AddressView>>($"api/hosts/{Segment(host)}/addresses", cancellationToken);

    public async Task<RevealedSecret> RevealSecretAsync(string host, string container, string variable, CancellationToken cancellationToken)
    {
        using var response = await http.PostAsync(
            $"api/hosts/{Segment(host)}/containers/{Segment(container)}/env/{Segment(variable)}/reveal", content: null, cancellationToken);
        return await ReadAsync<RevealedSecret>(response, reportUnauthorized: true, cancellationToken);
    }

    public Task<IReadOnlyList<SecretRevealView>> GetSecretRevealsAsync(CancellationToken cancellationToken) =>
        GetAsync<IReadOnlyList<SecretRevealView>>("api/secrets/reveals", cancellationToken);

    public Task<IReadOnlyList<UserSummary>> GetUsersAsync(CancellationToken cancellationToken) =>
        GetAsync<IReadOnlyList<UserSummary>>("api/users", cancellationToken);

    public Task CreateUserAsync(CreateUserRequest request, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Post, "api/users", request, cancellationToken);

    public Task ChangeRoleAsync(string userName, string role, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Put, $"api/users/{Segment(userName)}/role", new UserRoleRequest(role), cancellationToken);

    public Task DeleteUserAsync(string userName, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Delete, $"api/users/{Segment(userName)}", body: null, cancellationToken);

    public Task ResetPasswordAsync(string userName, string password, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Put, $"api/users/{Segment(userName)}/password", new ResetPasswordRequest(password), cancellationToken);

    public Task<ChangeResponse> LinkAsync(string host, LinkRequest request, bool dryRun, CancellationToken cancellationToken) =>
        ChangeAsync(HttpMethod.Post, $"api/hosts/{Segment(host)}/links", request, dryRun, cancellationToken);

    public Task<ChangeResponse> UnlinkAsync(string host, string source, string alias, bool dryRun, CancellationToken cancellationToken) =>
        ChangeAsync(HttpMethod.Delete, $"api/hosts/{Segment(host)}/links/{Segment(source)}/{Segment(alias)}", null, dryRun, cancellationToken);

    public Task<ChangeResponse> PublishPortAsync(string host, PortRequest request, bool dryRun, CancellationToken cancellationToken) =>
        ChangeAsync(HttpMethod.Post, $"api/hosts/{Segment(host)}/ports", request, dryRun, cancellationToken);

    public Task<ChangeResponse> UnpublishPortAsync(string host, string container, int hostPort, string protocol, bool dryRun, CancellationToken cancellationToken) =>
        ChangeAsync(
            HttpMethod.Delete,
            $"api/hosts/{Segment(host)}/ports/{Segment(container)}/{hostPort.ToString(CultureInfo.InvariantCulture)}/{Segment(protocol)}",
            null,
            dryRun,
            cancellationToken);

    public Task<ChangeResponse> CreateNetworkAsync(string host, NetworkRequest request, bool dryRun, CancellationToken cancellationToken) =>
        ChangeAsync(HttpMethod.Post, $"api/hosts/{Segment(host)}/networks", request, dryRun, cancellationToken);

    public Task<ChangeResponse> RemoveNetworkAsync(string host, string network, bool dryRun, CancellationToken cancellationToken) =>
        ChangeAsync(HttpMethod.Delete, $"api/hosts/{Segment(host)}/networks/{Segment(network)}", null, dryRun, cancellationToken);

    public Task<ChangeResponse> ConnectAsync(string host, string network, ConnectionRequest request, bool dryRun, CancellationToken cancellationToken) =>
        ChangeAsync(HttpMethod.Post, $"api/hosts/{Segment(host)}/networks/{Segment(network)}/connections", request, dryRun, cancellationToken);

    public Task<ChangeResponse> DisconnectAsync(string host, string network, string container, bool dryRun, CancellationToken cancellationToken) =>
        ChangeAsync(HttpMethod.Delete, $"api/hosts/{Segment(host)}/networks/{Segment(network)}/connections/{Segment(container)}", null, dryRun, cancellationToken);

    public Task<ChangeResponse> SetIccAsync(string host, string network, IccRequest request, bool dryRun, CancellationToken cancellationToken) =>
        ChangeAsync(HttpMethod.Put, $"api/hosts/{Segment(host)}/networks/{Segment(network)}/icc", request, dryRun, cancellationToken);

    public Task<ChangeResponse> MapAddressAsync(string host, AddressRequest request, bool dryRun, CancellationToken cancellationToken) =>
        ChangeAsync(HttpMethod.Post, $"api/hosts/{Segment(host)}/addresses", request, dryRun, cancellationToken);

    public Task<ChangeResponse> UnmapAddressAsync(string host, string address, bool dryRun, CancellationToken cancellationToken) =>
        ChangeAsync(HttpMethod.Delete, $"api/hosts/{Segment(host)}/addresses/{Segment(address)}", null, dryRun, cancellationToken);

    public Task<IReadOnlyList<IntentView>> GetIntentsAsync(string? host, CancellationToken cancellationToken) =>
        GetAsync<IReadOnlyList<IntentView>>(
            string.IsNullOrWhiteSpace(host) ? "api/intents" : $"api/intents?host={Uri.EscapeDataString(host)}", cancellationToken);

    public Task RetryIntentAsync(long id, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Post, $"api/intents/{id.ToString(CultureInfo.InvariantCulture)}/retry", body: null, cancellationToken);

    public Task<ReachabilityAnswer> GetReachabilityAsync(string host, string from, string to, int port, TransportProtocol protocol, CancellationToken cancellationToken) =>
        GetAsync<ReachabilityAnswer>(
            $"api/hosts/{Segment(host)}/reachability?from={Uri.EscapeDataString(from)}&to={Uri.EscapeDataString(to)}"
            + $"&port={port.ToString(CultureInfo.InvariantCulture)}&proto={Portal.Contracts.Wire.WireName.Of(protocol)}",
            cancellationToken);

    public Task<ReachabilityMatrix> GetReachabilityMatrixAsync(string host, string? network, string? container, CancellationToken cancellationToken)
    {
        var query = new List<string>();
        if (network is not null)
        {
            query.Add("network=" + Uri.EscapeDataString(network));
        }

        if (container is not null)
        {
            query.Add("container=" + Uri.EscapeDataString(container));
        }

        return GetAsync<ReachabilityMatrix>(
            $"api/hosts/{Segment(host)}/reachability/matrix" + (query.Count > 0 ? "?" + string.Join('&', query) : string.Empty), cancellationToken);
    }

    public Task<HostExposure> GetExposureAsync(string host, CancellationToken cancellationToken) =>
        GetAsync<HostExposure>($"api/hosts/{Segment(host)}/exposure", cancellationToken);

    public Task<IReadOnlyList<AuditEntryView>> GetAuditAsync(AuditQuery query, CancellationToken cancellationToken) =>
        GetAsync<IReadOnlyList<AuditEntryView>>("api/audit" + query.ToQueryString(), cancellationToken);

    public Task<IReadOnlyList<RuleAtTime>> GetRulesAtAsync(string host, DateTimeOffset at, CancellationToken cancellationToken) =>
        GetAsync<IReadOnlyList<RuleAtTime>>($"api/audit/rules?host={Uri.EscapeDataString(host)}&at={Moment(at)}", cancellationToken);

    public Task<IReadOnlyList<RuleDiff>> GetRuleDiffAsync(string host, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken) =>
        GetAsync<IReadOnlyList<RuleDiff>>(
            $"api/audit/diff?host={Uri.EscapeDataString(host)}&from={Moment(from)}&to={Moment(to)}", cancellationToken);

    private static HttpClient WithRequestedWith(HttpClient client)
    {
        if (!client.DefaultRequestHeaders.Contains(RequestedWithHeader))
        {
            client.DefaultRequestHeaders.Add(RequestedWithHeader, "XMLHttpRequest");
        }

        return client;
    }

    private static string Segment(string value) => Uri.EscapeDataString(value);

    private static string Moment(DateTimeOffset at) =>
        Uri.EscapeDataString(at.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture));

    private async Task<ChangeResponse> ChangeAsync(HttpMethod method, string path, object? body, bool dryRun, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, dryRun ? path + "?dryRun=true" : path);
        if (body is not null)
        {
            request.Content = JsonContent.Create(body, body.GetType(), options: PortalJson.Options);
        }

        using var response = await http.SendAsync(request, cancellationToken);
        return await ReadAsync<ChangeResponse>(response, reportUnauthorized: true, cancellationToken);
    }

    private async Task<T> GetAsync<T>(string path, CancellationToken cancellationToken)
    {
        using var response = await http.GetAsync(path, cancellationToken);
        return await ReadAsync<T>(response, reportUnauthorized: true, cancellationToken);
    }

    private async Task SendAsync(HttpMethod method, string path, object? body, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, path);
        if (body is not null)
        {
            request.Content = JsonContent.Create(body, body.GetType(), options: PortalJson.Options);
        }

        using var response = await http.SendAsync(request, cancellationToken);
        await EnsureAsync(response, reportUnauthorized: true, cancellationToken);
    }

    private async Task<T> ReadAsync<T>(HttpResponseMessage response, bool reportUnauthorized, CancellationToken cancellationToken)
    {
        await EnsureAsync(response, reportUnauthorized, cancellationToken);
        var value = await response.Content.ReadFromJsonAsync<T>(PortalJson.Options, cancellationToken);
        return value ?? throw new PortalApiException((int)response.StatusCode, "Empty answer", $"The server sent no body for {response.RequestMessage?.RequestUri}.");
    }

    private async Task EnsureAsync(HttpResponseMessage response, bool reportUnauthorized, CancellationToken cancellationToken)
    {
        if (response.IsSuccessStatusCode)
        {
            return;
        }

        var status = (int)response.StatusCode;
        if (status == 401 && reportUnauthorized)
        {
            auth.SignedOut();
        }

        var problem = await ReadProblemAsync(response, cancellationToken);
        throw new PortalApiException(
            problem?.Status ?? status,
            problem?.Title ?? response.ReasonPhrase ?? $"HTTP {status}",
            problem?.Detail,
            problem?.Errors);
    }

    private static async Task<ProblemBody?> ReadProblemAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        try
        {
            var text = await response.Content.ReadAsStringAsync(cancellationToken);
            return string.IsNullOrWhiteSpace(text) ? null : JsonSerializer.Deserialize<ProblemBody>(text, PortalJson.Options);
        }
        catch (JsonException)
        {
            // Not every failure has a ProblemDetails body (a proxy's HTML page, say); the status line still tells.
            return null;
        }
    }
}
