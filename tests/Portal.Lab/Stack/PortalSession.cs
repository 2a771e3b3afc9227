using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Portal.Lab.Stack;

/// <summary>A signed-in user of a running portal: an HttpClient that keeps the sign-in cookie, plus JSON helpers.</summary>
public sealed class PortalSession(HttpClient http, CookieContainer cookies) : IDisposable
{
    /// <summary>The sign-in route: every test signs in through this class, so a change to sign-in is made here once.</summary>
    public const string SignInPath = "/api/auth/login";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private (string UserName, string Password)? _credentials;

    public HttpClient Http { get; } = http;

    public CookieContainer Cookies { get; } = cookies;

    public static async Task<PortalSession> SignInAsync(Uri server, string userName, string password, CancellationToken cancellationToken)
    {
        var cookies = new CookieContainer();
        var http = new HttpClient(new SocketsHttpHandler { CookieContainer = cookies, UseCookies = true }) { BaseAddress = server };
        // The server refuses API changes without it (its cross-site guard), as it does a script's.
        http.DefaultRequestHeaders.Add("X-Requested-With", "portal-tests");
        var session = new PortalSession(http, cookies);
        try
        {
            await session.PostSignInAsync(userName, password, cancellationToken);
        }
        catch
        {
            http.Dispose();
            throw;
        }

        return session;
    }

    /// <summary>Signs in again with the same credentials (after something ended the session, e.g. a sign-out).</summary>
    public Task SignInAgainAsync(CancellationToken cancellationToken) =>
        _credentials is var (userName, password)
            ? PostSignInAsync(userName, password, cancellationToken)
            : throw new InvalidOperationException("this session was not made by SignInAsync");

    /// <summary>True while the server still knows this session (GET /api/auth/me answers 200).</summary>
    public async Task<bool> IsSignedInAsync(CancellationToken cancellationToken)
    {
        using var response = await Http.GetAsync("/api/auth/me", cancellationToken);
        return response.IsSuccessStatusCode;
    }

    /// <summary>The signed-in user's own password change (the bootstrap admin's first step).</summary>
    public async Task ChangePasswordAsync(string currentPassword, string newPassword, CancellationToken cancellationToken)
    {
        var (status, body) = await SendJsonAsync(HttpMethod.Post, "/api/auth/password", new { currentPassword, newPassword }, cancellationToken);
        if (status != HttpStatusCode.OK)
        {
            throw new InvalidOperationException($"changing the password failed: {(int)status} {body?.ToJsonString()}");
        }
    }

    public async Task<JsonNode> GetJsonAsync(string path, CancellationToken cancellationToken)
    {
        using var response = await Http.GetAsync(path, cancellationToken);
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw new HttpRequestException($"GET {path}: {(int)response.StatusCode} {body}", null, response.StatusCode);
        }

        return JsonNode.Parse(body)!;
    }

    public async Task<(HttpStatusCode Status, JsonNode? Body)> SendJsonAsync(HttpMethod method, string path, object? body, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, path);
        if (body is not null)
        {
            request.Content = JsonContent.Create(body, options: Json);
        }

        using var response = await Http.SendAsync(request, cancellationToken);
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        return (response.StatusCode, string.IsNullOrWhiteSpace(text) ? null : JsonNode.Parse(text));
    }

    /// <summary>Polls <paramref name="probe"/> until it answers non-null or the timeout passes.</summary>
    public static async Task<T> EventuallyAsync<T>(Func<CancellationToken, Task<T?>> probe, TimeSpan timeout, string what, CancellationToken cancellationToken)
        where T : class
    {
        var deadline = DateTime.UtcNow + timeout;
        Exception? last = null;
        while (DateTime.UtcNow < deadline)
        {
            try
            {
                if (await probe(cancellationToken) is { } found)
                {
                    return found;
                }
            }
            catch (HttpRequestException e)
            {
                last = e;
            }

            await Task.Delay(100, cancellationToken);
        }

        throw new TimeoutException($"{what} did not happen within {timeout.TotalSeconds:0} s" + (last is null ? string.Empty : $"; last error: {last.Message}"));
    }

    public void Dispose() => Http.Dispose();

    private async Task PostSignInAsync(string userName, string password, CancellationToken cancellationToken)
    {
        var response = await PostCredentialsAsync(userName, password, cancellationToken);
        // Sign-in is rate limited per client: wait as told (tests sign in often, all from the lab's one address).
        for (var attempt = 1; response.StatusCode == HttpStatusCode.TooManyRequests && attempt < 10; attempt++)
        {
            var wait = response.Headers.RetryAfter?.Delta ?? TimeSpan.FromSeconds(1);
            response.Dispose();
            await Task.Delay(wait < TimeSpan.FromSeconds(60) ? wait : TimeSpan.FromSeconds(60), cancellationToken);
            response = await PostCredentialsAsync(userName, password, cancellationToken);
        }

        using var answer = response;
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"sign-in as {userName} failed: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(cancellationToken)}");
        }

        _credentials = (userName, password);
    }

    private async Task<HttpResponseMessage> PostCredentialsAsync(string userName, string password, CancellationToken cancellationToken)
    {
        // The header unsafe API requests carry (cross-site request protection); scripts send it too.
        using var request = new HttpRequestMessage(HttpMethod.Post, SignInPath) { Content = JsonContent.Create(new { userName, password }) };
        if (!Http.DefaultRequestHeaders.Contains("X-Requested-With"))
        {
            request.Headers.Add("X-Requested-With", "portal-tests");
        }

        return await Http.SendAsync(request, cancellationToken);
    }
}
