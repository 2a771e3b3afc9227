using MudBlazor.Services;
using Portal.Server.Components;

namespace Portal.Server.Web;

public static class UiServiceExtensions
{
    /// <summary>The Blazor Web App host of Portal.Client (WebAssembly, prerendered here with MudBlazor).</summary>
    public static IHostApplicationBuilder AddPortalUi(this IHostApplicationBuilder builder)
    {
        builder.Services.AddRazorComponents().AddInteractiveWebAssemblyComponents();
        builder.Services.AddMudServices();
        return builder;
    }

    /// <summary>
    /// Pages and static files load without sign-in so the sign-in page can show; every piece of data they display
    /// comes through the API, which does need it.
    /// </summary>
    public static WebApplication MapPortalUi(this WebApplication app)
    {
        app.MapStaticAssets().AllowAnonymous();
        app.MapRazorComponents<App>()
            .AddInteractiveWebAssemblyRenderMode()
            .AddAdditionalAssemblies(typeof(Portal.Client._Imports).Assembly)
            .AllowAnonymous();
        return app;
    }
}
