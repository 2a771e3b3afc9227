namespace Portal.Server.Auth;

/// <summary>Paths that scripts and the WebAssembly client call: they get status codes, never login redirects or HTML.</summary>
public static class ApiPaths
{
    public static bool IsApi(PathString path) =>
        path.StartsWithSegments("/api") || path.StartsWithSegments("/hubs") || path.StartsWithSegments("/openapi");
}
