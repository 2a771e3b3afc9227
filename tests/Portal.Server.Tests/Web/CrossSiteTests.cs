using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Mvc.Testing.Handlers;
using Portal.Contracts.Api;
using Portal.Server.Tests.Infrastructure;

namespace Portal.Server.Tests.Web;

/// <summary>Every unsafe API method needs X-Requested-With: without it, 400 naming the header and nothing done.</summary>
public sealed class CrossSiteTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task CreateHost_NoRequestedWith_400NamingHeaderAndNoHost()
    {
        using var admin = await PortalClient.AdminAsync(factory);
        using var bare = Bare(admin);
        var name = "h" + Guid.NewGuid().ToString("N")[..10];

        var response = await bare.PostAsJsonAsync("/api/hosts", new CreateHostRequest(name), Ct);

        await AssertNamesHeaderAsync(response);
        var hosts = await admin.GetAsync<List<HostSummary>>("/api/hosts");
        Assert.DoesNotContain(hosts, h => h.Name == name);
        // The same request with the header is what the browser app and scripts send: it works.
        Assert.Equal(HttpStatusCode.Created, (await admin.Http.PostAsJsonAsync("/api/hosts", new CreateHostRequest(name), Ct)).StatusCode);
    }

    [Fact]
    public async Task Logout_NoRequestedWith_400AndStillSignedIn()
    {
        using var admin = await PortalClient.AdminAsync(factory);
        using var bare = Bare(admin);

        var response = await bare.PostAsync("/api/auth/logout", content: null, Ct);

        await AssertNamesHeaderAsync(response);
        Assert.Equal(HttpStatusCode.OK, (await admin.Http.GetAsync("/api/auth/me", Ct)).StatusCode);
        Assert.True((await admin.Http.PostAsync("/api/auth/logout", content: null, Ct)).IsSuccessStatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await admin.Http.GetAsync("/api/auth/me", Ct)).StatusCode);
    }

    [Fact]
    public async Task Login_NoRequestedWith_400AndNoCookie()
    {
        using var anonymous = PortalClient.Anonymous(factory);
        using var bare = Bare(anonymous);

        var response = await bare.PostAsJsonAsync("/api/auth/login", new LoginRequest(PortalFactory.AdminUser, PortalFactory.AdminPassword), Ct);

        await AssertNamesHeaderAsync(response);
        Assert.False(response.Headers.Contains("Set-Cookie"));
        Assert.Empty(anonymous.Cookies.GetAllCookies());
    }

    [Fact]
    public async Task IssueToken_NoRequestedWith_400AndOldTokenStillWorks()
    {
        using var admin = await PortalClient.AdminAsync(factory);
        var host = await admin.CreateHostAsync();
        using var bare = Bare(admin);

        var response = await bare.PostAsync($"/api/hosts/{host.Name}/token", content: null, Ct);

        await AssertNamesHeaderAsync(response);
        await using var agent = await TestAgent.ConnectAsync(factory, host.Token);
        Assert.Equal(Microsoft.AspNetCore.SignalR.Client.HubConnectionState.Connected, agent.Connection.State);
    }

    [Theory]
    [InlineData("DELETE")]
    [InlineData("PUT")]
    [InlineData("PATCH")]
    public async Task DeleteHost_OtherUnsafeMethods_NoRequestedWith_400AndHostKept(string method)
    {
        using var admin = await PortalClient.AdminAsync(factory);
        var host = await admin.CreateHostAsync();
        using var bare = Bare(admin);

        var response = await bare.SendAsync(new HttpRequestMessage(new HttpMethod(method), $"/api/hosts/{host.Name}"), Ct);

        await AssertNamesHeaderAsync(response);
        Assert.Equal(host.Name, (await admin.GetAsync<HostSummary>($"/api/hosts/{host.Name}")).Name);
    }

    [Fact]
    public async Task Get_NoRequestedWith_Answered()
    {
        using var admin = await PortalClient.AdminAsync(factory);
        using var bare = Bare(admin);

        Assert.Equal(HttpStatusCode.OK, (await bare.GetAsync("/api/hosts", Ct)).StatusCode);
    }

    [Fact]
    public async Task FormPost_WithRequestedWith_StillOnlyJson()
    {
        using var admin = await PortalClient.AdminAsync(factory);

        var response = await admin.Http.PostAsync("/api/hosts", new FormUrlEncodedContent([new("name", "formhost")]), Ct);

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
    }

    /// <summary>A client with the same cookies that sends no X-Requested-With, as a forged cross-site request would.</summary>
    private HttpClient Bare(PortalClient client)
    {
        var http = factory.CreateDefaultClient(new CookieContainerHandler(client.Cookies));
        http.DefaultRequestHeaders.Remove(PortalFactory.RequestedWithHeader);
        return http;
    }

    private static async Task AssertNamesHeaderAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<HttpValidationProblem>(Ct);
        Assert.Contains(PortalFactory.RequestedWithHeader, problem!.Errors.Keys);
    }

    private sealed record HttpValidationProblem(string Title, int Status, Dictionary<string, string[]> Errors);
}
