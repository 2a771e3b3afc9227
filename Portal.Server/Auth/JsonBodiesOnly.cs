using Microsoft.Net.Http.Headers;

namespace Portal.Server.Auth;

/// <summary>
/// The CSRF half that SameSite=Strict does not cover on its own: an API request with a body must send JSON.
/// A cross-site HTML form can only send form or text bodies, so it gets 415 before any endpoint sees it.
/// </summary>
internal static class JsonBodiesOnly
{
    public static IApplicationBuilder UseJsonBodiesOnly(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        var request = context.Request;
        var hasBody = request.ContentLength > 0 || request.Headers.TransferEncoding.Count > 0 || request.ContentType is not null;
        if (hasBody && request.Path.StartsWithSegments("/api") && !IsJson(request.ContentType))
        {
            context.Response.StatusCode = StatusCodes.Status415UnsupportedMediaType;
            return;
        }

        await next(context);
    });

    // JSON is UTF-8 (RFC 8259): any other charset would be transcoded or, when unknown, fail deep in the binder.
    private static bool IsJson(string? contentType) =>
        MediaTypeHeaderValue.TryParse(contentType, out var media)
        && (media.MediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase)
            || media.Suffix.Equals("json", StringComparison.OrdinalIgnoreCase))
        && (!media.Charset.HasValue
            || media.Charset.Equals("utf-8", StringComparison.OrdinalIgnoreCase)
            || media.Charset.Equals("utf8", StringComparison.OrdinalIgnoreCase));
}
