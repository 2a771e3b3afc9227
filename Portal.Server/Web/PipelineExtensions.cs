using Portal.Server.Auth;
using Portal.Server.Sessions;

namespace Portal.Server.Web;

public static class PipelineExtensions
{
    /// <summary>
    /// Security headers on every response; errors as ProblemDetails (API) or the not-found page (browser navigation);
    /// then the cross-site guards (JSON bodies, X-Requested-With, hub Origin), sign-in and antiforgery.
    /// </summary>
    public static WebApplication UsePortalPipeline(this WebApplication app)
    {
        app.UseTransportSecurity();
        if (app.Environment.IsDevelopment())
        {
            app.UseWebAssemblyDebugging();
        }

        app.UseSecurityHeaders();
        app.UseExceptionHandler();
        // A bare 401/404/405/415 from the API gets a ProblemDetails body; pages get Blazor's not-found page.
        app.UseWhen(c => ApiPaths.IsApi(c.Request.Path), api => api.UseStatusCodePages());
        app.UseWhen(
            c => !ApiPaths.IsApi(c.Request.Path),
            pages => pages.UseStatusCodePagesWithReExecute("/not-found", createScopeForStatusCodePages: true));
        app.UseJsonBodiesOnly();
        app.UseRequestedWithHeader();
        app.UseHubOriginCheck();
        app.UseAuthentication();
        app.UsePasswordChangeGate();
        app.UseRateLimiter();
        app.UseAnonymousResourceCollection();
        app.UseAuthorization();
        app.UseAntiforgery();
        return app;
    }
}
