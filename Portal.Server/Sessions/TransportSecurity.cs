using System.Net;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.AspNetCore.Identity;

namespace Portal.Server.Sessions;

/// <summary>
/// What keeps a session on the wire: the cookie is Secure unless <c>Portal:AllowInsecureHttp=true</c> (the lab and
/// the demo on plain http); X-Forwarded-For/Proto are believed only from <c>Portal:ForwardedHeaders:KnownProxies</c>
/// (with none listed they are ignored, so a client cannot pick its own address for the rate limit and lockout);
/// HSTS on HTTPS answers outside Development.
/// </summary>
public static class TransportSecurity
{
    public const string AllowInsecureHttp = "Portal:AllowInsecureHttp";
    public const string KnownProxies = "Portal:ForwardedHeaders:KnownProxies";

    public static IServiceCollection AddTransportSecurity(this IServiceCollection services)
    {
        // Read configuration when the options are built: test hosts add settings after Program's registrations.
        services.AddOptions<CookieAuthenticationOptions>(IdentityConstants.ApplicationScheme)
            .Configure<IConfiguration>((cookie, configuration) => cookie.Cookie.SecurePolicy =
                configuration.GetValue<bool>(AllowInsecureHttp) ? CookieSecurePolicy.SameAsRequest : CookieSecurePolicy.Always);
        services.AddOptions<ForwardedHeadersOptions>().Configure<IConfiguration>((forwarded, configuration) =>
        {
            // An empty list would mean "trust everyone" to the middleware; no proxies configured means trust no one.
            forwarded.KnownProxies.Clear();
            forwarded.KnownIPNetworks.Clear();
            var proxies = ProxiesOf(configuration);
            forwarded.ForwardedHeaders = proxies.Count == 0
                ? ForwardedHeaders.None
                : ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            foreach (var proxy in proxies)
            {
                forwarded.KnownProxies.Add(proxy);
            }
        });
        return services;
    }

    /// <summary>First in the pipeline: the client address and scheme must be right before anything uses them.</summary>
    public static WebApplication UseTransportSecurity(this WebApplication app)
    {
        app.UseForwardedHeaders();
        if (!app.Environment.IsDevelopment())
        {
            app.UseHsts();
        }

        return app;
    }

    /// <summary>An array (KnownProxies:0, :1, ...) or one comma-separated value (an environment variable).</summary>
    private static List<IPAddress> ProxiesOf(IConfiguration configuration)
    {
        var section = configuration.GetSection(KnownProxies);
        var values = section.GetChildren().Select(c => c.Value).Append(section.Value)
            .SelectMany(v => (v ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        return values.Select(v => IPAddress.TryParse(v, out var address)
            ? address
            : throw new InvalidOperationException($"{KnownProxies}: '{v}' is not an IP address")).ToList();
    }
}
