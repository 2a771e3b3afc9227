namespace Portal.Server.Web;

/// <summary>
/// Cross-site request forgery guard for the API: every unsafe method (POST, PUT, PATCH, DELETE) under /api must carry
/// the <c>X-Requested-With</c> header (any non-empty value). A browser sends a custom header cross-site only after a
/// CORS preflight this server never grants, so a forged form, image or fetch from another site is refused here with
/// 400 before any endpoint runs, also for requests without a body (sign-out, token reissue, retry).
/// </summary>
public static class RequestedWithHeader
{
    public const string Name = "X-Requested-With";

    public static IApplicationBuilder UseRequestedWithHeader(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        var request = context.Request;
        if (IsUnsafe(request.Method)
            && request.Path.StartsWithSegments("/api")
            && string.IsNullOrWhiteSpace(request.Headers[Name].ToString()))
        {
            await TypedResults.ValidationProblem(
                    new Dictionary<string, string[]>
                    {
                        [Name] = [$"the {Name} header is required on {request.Method} requests to the API (any value, e.g. '{Name}: XMLHttpRequest')"],
                    },
                    title: $"Missing {Name} header")
                .ExecuteAsync(context);
            return;
        }

        await next(context);
    });

    private static bool IsUnsafe(string method) =>
        HttpMethods.IsPost(method) || HttpMethods.IsPut(method) || HttpMethods.IsPatch(method) || HttpMethods.IsDelete(method);
}
