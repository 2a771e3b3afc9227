using Portal.Server.Sessions;

namespace Portal.Server.Auth;

/// <summary>
/// While a user's password is one someone else chose (bootstrap, an admin's reset), that user may only see who
/// they are, sign out, and change it: every other API route and both hubs answer 403 "change your password first".
/// </summary>
internal static class PasswordChangeGate
{
    private static readonly (string Method, string Path)[] Allowed =
    [
        ("GET", "/api/auth/me"),
        ("POST", "/api/auth/logout"),
        ("POST", "/api/auth/password"),
        ("POST", "/api/auth/login"),
    ];

    public static IApplicationBuilder UsePasswordChangeGate(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        var request = context.Request;
        if (context.User.HasClaim(c => c.Type == SessionClaims.MustChangePassword)
            && ApiPaths.IsApi(request.Path)
            && !Allowed.Any(a => HttpMethods.Equals(a.Method, request.Method) && request.Path.Equals(a.Path, StringComparison.OrdinalIgnoreCase)))
        {
            await Results.Problem(
                    detail: "change your password first (POST /api/auth/password)",
                    statusCode: StatusCodes.Status403Forbidden,
                    title: "Forbidden")
                .ExecuteAsync(context);
            return;
        }

        await next(context);
    });
}
