using Microsoft.AspNetCore.Authorization;

namespace Portal.Server.Web;

/// <summary>
/// Blazor maps <c>_framework/resource-collection*.js</c> as endpoints of its own that do not carry the conventions of
/// <c>MapRazorComponents().AllowAnonymous()</c> (dotnet/aspnetcore#65327), so the fallback policy sends the browser to
/// sign-in for a file it needs to show the sign-in page. Until that is fixed, mark those endpoints anonymous here,
/// between routing and authorization. They hold only the list of static asset URLs.
/// </summary>
public static class ResourceCollectionAccess
{
    public static IApplicationBuilder UseAnonymousResourceCollection(this IApplicationBuilder app) =>
        app.Use((context, next) =>
        {
            if (context.Request.Path.StartsWithSegments("/_framework", StringComparison.Ordinal)
                && context.Request.Path.Value!.Contains("resource-collection", StringComparison.Ordinal)
                && context.GetEndpoint() is { } endpoint
                && endpoint.Metadata.GetMetadata<IAllowAnonymous>() is null)
            {
                var metadata = new EndpointMetadataCollection([.. endpoint.Metadata, new AllowAnonymousAttribute()]);
                context.SetEndpoint(new Endpoint(endpoint.RequestDelegate, metadata, endpoint.DisplayName));
            }

            return next(context);
        });
}
