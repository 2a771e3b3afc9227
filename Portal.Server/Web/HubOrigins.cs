namespace Portal.Server.Web;

/// <summary>
/// Cross-site WebSocket hijacking guard for the hubs: a browser always sends Origin on negotiate and on the WebSocket
/// upgrade, and cookies go along even from another site, so a request whose Origin is present and is neither this
/// server's own origin (scheme, host and port of the request) nor one of <c>Portal:AllowedOrigins</c> (an array, or one comma-separated string) is refused with
/// 403 before the hub runs. Agents and scripts send no Origin and pass to the hub's own authentication.
/// </summary>
public static class HubOrigins
{
    public const string AllowedOriginsKey = "Portal:AllowedOrigins";

    public static IApplicationBuilder UseHubOriginCheck(this IApplicationBuilder app)
    {
        var configuration = app.ApplicationServices.GetRequiredService<IConfiguration>();
        var logger = app.ApplicationServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(HubOrigins));
        return app.Use(async (context, next) =>
        {
            var request = context.Request;
            if (request.Path.StartsWithSegments("/hubs")
                && request.Headers.Origin.ToString() is { Length: > 0 } origin
                && !IsAllowed(origin, request, configuration))
            {
                logger.LogWarning("Refused {Path} from foreign origin {Origin}", request.Path, origin);
                await TypedResults.Problem(
                        detail: $"origin '{origin}' may not open this server's hubs",
                        statusCode: StatusCodes.Status403Forbidden,
                        title: "Forbidden")
                    .ExecuteAsync(context);
                return;
            }

            await next(context);
        });
    }

    public static bool IsAllowed(string origin, HttpRequest request, IConfiguration configuration)
    {
        if (!Uri.TryCreate(origin, UriKind.Absolute, out var uri))
        {
            return false;
        }

        var own = $"{request.Scheme}://{request.Host.Value}";
        if (Uri.TryCreate(own, UriKind.Absolute, out var self) && SameOrigin(uri, self))
        {
            return true;
        }

        // Read on every request: configuration reloads, and test hosts set it after Program runs.
        var section = configuration.GetSection(AllowedOriginsKey);
        var allowed = string.IsNullOrWhiteSpace(section.Value)
            ? section.Get<string[]>() ?? []
            : section.Value.Split(',', StringSplitOptions.RemoveEmptyEntries);
        return allowed.Any(a => Uri.TryCreate(a.Trim(), UriKind.Absolute, out var other) && SameOrigin(uri, other));
    }

    private static bool SameOrigin(Uri a, Uri b) =>
        string.Equals(a.Scheme, b.Scheme, StringComparison.OrdinalIgnoreCase)
        && string.Equals(a.IdnHost, b.IdnHost, StringComparison.OrdinalIgnoreCase)
        && a.Port == b.Port;
}
