namespace Portal.Server.Web;

/// <summary>
/// Headers on every response (pages, static files, API answers, errors). They are set when the response starts, so an
/// error page written after the exception handler cleared the headers still carries them.
/// </summary>
/// <remarks>
/// The policy fits Blazor WebAssembly with no inline script: the runtime compiles WebAssembly
/// ('wasm-unsafe-eval') but needs no eval; MudBlazor positions popovers and sets colours with style attributes, so
/// styles allow 'unsafe-inline' (styles cannot run code). 'self' in connect-src covers the hubs' same-origin
/// WebSockets (CSP level 3).
/// </remarks>
public static class SecurityHeaders
{
    public const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; " +
        "font-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; base-uri 'self'; object-src 'none'; form-action 'self'";

    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) => app.Use((context, next) =>
    {
        var response = context.Response;
        response.OnStarting(() =>
        {
            var headers = response.Headers;
            headers.ContentSecurityPolicy = ContentSecurityPolicy;
            headers.XContentTypeOptions = "nosniff";
            headers.XFrameOptions = "DENY";
            headers["Referrer-Policy"] = "no-referrer";
            return Task.CompletedTask;
        });
        return next(context);
    });
}
