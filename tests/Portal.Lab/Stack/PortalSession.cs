using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Portal.Lab.Stack;

/// <summary>A signed-in user of a running portal: an HttpClient that keeps the sign-in cookie, plus JSON helpers.</summary>
public sealed class PortalSession(HttpClient http, CookieContainer cookies) : IDisposable
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public HttpClient Http { get; } = http;

    public CookieContainer Cookies { get; } = cookies;

    public static async Task<PortalSession> SignInAsync(Uri server, string userName, string password, CancellationToken cancellationToken)
    {
        var cookies = new CookieContainer();
        var http = new HttpClient(new SocketsHttpHandler { CookieContainer = cookies, UseCookies = true }) { BaseAddress = server };
        // The server refuses API changes without it (its cross-site guard), as it does a script's.
        http.DefaultRequestHeaders.Add("X-Requested-With", "portal-tests");
        var response = await http.PostAsJsonAsync("/api/auth/login", new { userName, password }, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            http.Dispose();
            throw new InvalidOperationException($"sign-in as {userName} failed: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(cancellationToken)}");
        }

        return new PortalSession(http, cookies);
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
}
