using System.Text;

namespace Portal.Scenarios.Tests.Security;

/// <summary>
/// One malformed request: the operation it aims at, what is wrong with it (its <see cref="Name"/>, printed on failure
/// so a case can be found again with the same seed), the target and the raw body with its content type.
/// </summary>
public sealed record FuzzCase(ApiOperation Operation, string Category, string Name, string PathAndQuery, byte[]? Body, string? ContentType)
{
    public static FuzzCase Json(ApiOperation operation, string category, string name, string pathAndQuery, string json) =>
        new(operation, category, name, pathAndQuery, Encoding.UTF8.GetBytes(json), "application/json");

    public HttpRequestMessage ToRequest(bool withCsrfHeader)
    {
        var request = new HttpRequestMessage(new HttpMethod(Operation.Method), PathAndQuery);
        if (Body is not null)
        {
            request.Content = new ByteArrayContent(Body);
            request.Content.Headers.Remove("Content-Type");
            if (ContentType is not null)
            {
                // Without validation: a bogus charset is one of the cases.
                request.Content.Headers.TryAddWithoutValidation("Content-Type", ContentType);
            }
        }

        if (withCsrfHeader && !Operation.IsSafe)
        {
            request.Headers.TryAddWithoutValidation(ApiFuzzer.CsrfHeader, "fuzz");
        }

        return request;
    }

    public override string ToString()
    {
        var target = PathAndQuery.Length > 160 ? PathAndQuery[..160] + $"...({PathAndQuery.Length} chars)" : PathAndQuery;
        return $"{Operation} [{Category}: {Name}] {target}" + (Body is null ? string.Empty : $" ({ContentType ?? "no content type"}, {Body.Length} bytes)");
    }
}
