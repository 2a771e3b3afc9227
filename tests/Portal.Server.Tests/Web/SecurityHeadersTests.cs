using System.Net;
using Portal.Server.Tests.Infrastructure;

namespace Portal.Server.Tests.Web;

/// <summary>Every kind of response carries the security headers: a page, a static file, an API answer, errors.</summary>
public sealed class SecurityHeadersTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    [Theory]
    [InlineData("/", HttpStatusCode.OK)]
    [InlineData("/login", HttpStatusCode.OK)]
    [InlineData("/app.css", HttpStatusCode.OK)]
    [InlineData("/_framework/blazor.web.js", HttpStatusCode.OK)]
    [InlineData("/api/hosts", HttpStatusCode.OK)]
    [InlineData("/api/no-such-thing", HttpStatusCode.NotFound)]
    [InlineData("/no-such-page", HttpStatusCode.NotFound)]
    [InlineData("/healthz", HttpStatusCode.OK)]
    public async Task Response_AnyKind_CarriesSecurityHeaders(string path, HttpStatusCode expected)
    {
        using var admin = await PortalClient.AdminAsync(factory);

        using var response = await admin.Http.GetAsync(path, TestContext.Current.CancellationToken);

        Assert.Equal(expected, response.StatusCode);
        AssertSecurityHeaders(response);
    }

    [Fact]
    public async Task Response_Anonymous401AndMissingHeader400_CarrySecurityHeaders()
    {
        using var anonymous = PortalClient.Anonymous(factory);
        using var unauthorized = await anonymous.Http.GetAsync("/api/hosts", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Unauthorized, unauthorized.StatusCode);
        AssertSecurityHeaders(unauthorized);

        anonymous.Http.DefaultRequestHeaders.Remove(PortalFactory.RequestedWithHeader);
        using var refused = await anonymous.Http.PostAsync("/api/auth/logout", null, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        AssertSecurityHeaders(refused);
    }

    private static void AssertSecurityHeaders(HttpResponseMessage response)
    {
        var csp = Assert.Single(response.Headers.GetValues("Content-Security-Policy"));
        var directives = csp.Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .ToDictionary(d => d.Split(' ')[0], d => d.Split(' ')[1..]);
        Assert.Equal(["'self'"], directives["default-src"]);
        // No 'unsafe-inline' or 'unsafe-eval' for scripts: WebAssembly compilation only.
        Assert.Equal(["'self'", "'wasm-unsafe-eval'"], directives["script-src"]);
        Assert.Equal(["'none'"], directives["frame-ancestors"]);
        Assert.Equal(["'none'"], directives["object-src"]);
        Assert.Equal(["'self'"], directives["base-uri"]);
        Assert.Equal(["'self'"], directives["connect-src"]);
        Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
        Assert.Equal("DENY", Assert.Single(response.Headers.GetValues("X-Frame-Options")));
        Assert.Equal("no-referrer", Assert.Single(response.Headers.GetValues("Referrer-Policy")));
    }
}
