using System.Net.Http.Headers;
using System.Text.Json;

namespace Portal.Scenarios.Tests.Security;

/// <summary>The server's answer to one fuzz case, and whether it keeps the error contract.</summary>
public sealed record FuzzAnswer(int Status, string? MediaType, string Body, bool ConnectionClosed)
{
    public bool IsSuccess => Status is >= 200 and < 300;

    public bool IsClientError => Status is >= 400 and < 500;

    public static async Task<FuzzAnswer> ReadAsync(HttpResponseMessage response, CancellationToken cancellationToken) =>
        new((int)response.StatusCode,
            response.Content.Headers.ContentType?.MediaType,
            await response.Content.ReadAsStringAsync(cancellationToken),
            response.Headers.ConnectionClose == true);

    /// <summary>
    /// Why this answer breaks the contract, or null: never a 5xx, and every 4xx a ProblemDetails
    /// (application/problem+json, an object whose status is the answer's and with a title). The one allowed
    /// exception is Kestrel refusing the request before the application sees it (a request line over its 8 KB
    /// limit, 414; a malformed request, 400): it answers with no body and closes the connection.
    /// </summary>
    public string? Fault()
    {
        if (Status >= 500)
        {
            return $"server error {Status}: {Shorten(Body)}";
        }

        if (Status < 400)
        {
            return null;
        }

        if (Body.Length == 0)
        {
            return IsRefusedByKestrel ? null : $"{Status} without a ProblemDetails body";
        }

        if (MediaType != "application/problem+json")
        {
            return $"{Status} as {MediaType ?? "no content type"}, not application/problem+json: {Shorten(Body)}";
        }

        try
        {
            using var json = JsonDocument.Parse(Body);
            var root = json.RootElement;
            if (root.ValueKind != JsonValueKind.Object
                || !root.TryGetProperty("status", out var status) || status.ValueKind != JsonValueKind.Number || status.GetInt32() != Status
                || !root.TryGetProperty("title", out var title) || title.ValueKind != JsonValueKind.String || title.GetString() is not { Length: > 0 })
            {
                return $"{Status} ProblemDetails without a matching status and a title: {Shorten(Body)}";
            }
        }
        catch (JsonException)
        {
            return $"{Status} with a body that is not JSON: {Shorten(Body)}";
        }

        return null;
    }

    /// <summary>An empty 400/414/431 on a closed connection: Kestrel's own refusal, made before any middleware runs.</summary>
    public bool IsRefusedByKestrel => Body.Length == 0 && ConnectionClosed && Status is 400 or 413 or 414 or 431;

    private static string Shorten(string text) => text.Length > 300 ? text[..300] + "..." : text;
}
