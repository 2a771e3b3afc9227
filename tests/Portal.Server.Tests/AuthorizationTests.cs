using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Portal.Contracts.Api;
using Portal.Server.Tests.Infrastructure;

namespace Portal.Server.Tests;

/// <summary>
/// Every route is found from the server's own endpoint data source, so a route added later is checked without
/// touching these tests.
/// </summary>
public sealed partial class AuthorizationTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    private static readonly string[] Open = ["/api/auth/login", "/healthz"];

    [Fact]
    public async Task EveryApiAndHubRoute_Anonymous_401()
    {
        using var anonymous = PortalClient.Anonymous(factory);
        var routes = Routes(p => p.StartsWith("/api/") || p.StartsWith("/hubs/") || p.StartsWith("/openapi/"))
            .Where(r => !Open.Contains(r.Pattern))
            .ToList();
        Assert.Contains(routes, r => r.Pattern == "/api/hosts/{host}/rules");
        Assert.Contains(routes, r => r.Pattern.StartsWith("/hubs/agent"));
        Assert.Contains(routes, r => r.Pattern.StartsWith("/hubs/live"));

        var failures = new List<string>();
        foreach (var (method, pattern) in routes)
        {
            using var response = await anonymous.Http.SendAsync(Request(method, pattern), TestContext.Current.CancellationToken);
            if (response.StatusCode != HttpStatusCode.Unauthorized)
            {
                failures.Add($"{method} {pattern}: {(int)response.StatusCode}");
            }
        }

        Assert.Empty(failures);
    }

    [Fact]
    public async Task EveryChangeRoute_Viewer_403()
    {
        using var viewer = await PortalClient.WithRoleAsync(factory, Roles.Viewer);
        string[] ownSession = ["/api/auth/login", "/api/auth/logout", "/api/auth/password"];
        var routes = Routes(p => p.StartsWith("/api/"))
            .Where(r => r.Method is "POST" or "PUT" or "DELETE" or "PATCH" && !ownSession.Contains(r.Pattern))
            .ToList();
        Assert.Contains(routes, r => r.Pattern == "/api/hosts" && r.Method == "POST");

        var failures = new List<string>();
        foreach (var (method, pattern) in routes)
        {
            using var response = await viewer.Http.SendAsync(Request(method, pattern), TestContext.Current.CancellationToken);
            if (response.StatusCode != HttpStatusCode.Forbidden)
            {
                failures.Add($"{method} {pattern}: {(int)response.StatusCode}");
            }
        }

        Assert.Empty(failures);
    }

    [Fact]
    public async Task ApiError_Anonymous_ProblemDetailsNotRedirect()
    {
        using var anonymous = PortalClient.Anonymous(factory);
        using var response = await anonymous.Http.GetAsync("/api/hosts", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Healthz_Anonymous_200()
    {
        using var anonymous = PortalClient.Anonymous(factory);
        using var response = await anonymous.Http.GetAsync("/healthz", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task OpenApi_SignedIn_DescribesTheContract()
    {
        using var viewer = await PortalClient.WithRoleAsync(factory, Roles.Viewer);
        var document = await viewer.Http.GetStringAsync("/openapi/v1.json", TestContext.Current.CancellationToken);
        Assert.Contains("\"/api/hosts/{host}/containers/{name}\"", document);
        Assert.Contains("\"/api/auth/login\"", document);
    }

    private List<(string Method, string Pattern)> Routes(Func<string, bool> include)
    {
        var source = factory.Services.GetRequiredService<EndpointDataSource>();
        return source.Endpoints
            .OfType<RouteEndpoint>()
            .Select(e => (Endpoint: e, Pattern: "/" + e.RoutePattern.RawText!.Trim('/')))
            .Where(e => include(e.Pattern))
            .SelectMany(e => (e.Endpoint.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["GET"])
                .Select(m => (Method: m, e.Pattern)))
            .Distinct()
            .ToList();
    }

    private static HttpRequestMessage Request(string method, string pattern)
    {
        var path = Parameter().Replace(pattern, m => m.Groups[1].Value switch
        {
            "host" => "docker1",
            "name" => "web",
            _ => "x",
        });
        var request = new HttpRequestMessage(new HttpMethod(method), path);
        if (method is "POST" or "PUT" or "PATCH")
        {
            request.Content = new StringContent("{}", Encoding.UTF8, "application/json");
        }

        return request;
    }

    [GeneratedRegex(@"\{\**([A-Za-z]+)[^}]*\}")]
    private static partial Regex Parameter();
}
