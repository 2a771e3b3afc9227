using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Portal.Contracts.Api;
using Portal.Server.Tests.Infrastructure;

namespace Portal.Server.Tests;

public sealed class HostsApiTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    [Fact]
    public async Task Create_NewName_201WithTokenAndListedOffline()
    {
        using var admin = await PortalClient.AdminAsync(factory);
        var created = await admin.CreateHostAsync();
        Assert.True(created.Token.Length >= 43, "a 32-byte token in base64url");

        var hosts = await admin.GetAsync<List<HostSummary>>("/api/hosts");
        var host = Assert.Single(hosts, h => h.Name == created.Name);
        Assert.False(host.Online);
        Assert.Equal(0, host.Containers);
    }

    [Fact]
    public async Task Create_ExistingName_409()
    {
        using var admin = await PortalClient.AdminAsync(factory);
        var created = await admin.CreateHostAsync();
        using var again = await admin.Http.PostAsJsonAsync("/api/hosts", new CreateHostRequest(created.Name), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
    }

    [Theory]
    [InlineData("bad_name")]
    [InlineData("-leading")]
    [InlineData("")]
    [InlineData("a.b")]
    public async Task Create_NotADnsLabel_400NamingName(string name)
    {
        using var admin = await PortalClient.AdminAsync(factory);
        using var response = await admin.Http.PostAsJsonAsync("/api/hosts", new CreateHostRequest(name), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);
        Assert.True(problem.GetProperty("errors").TryGetProperty("name", out _));
    }

    [Theory]
    [InlineData("/api/hosts/nosuchhost")]
    [InlineData("/api/hosts/nosuchhost/bridges")]
    [InlineData("/api/hosts/nosuchhost/containers")]
    [InlineData("/api/hosts/nosuchhost/containers/web")]
    [InlineData("/api/hosts/nosuchhost/rules?table=nat")]
    public async Task Read_UnknownHost_404NamingIt(string path)
    {
        using var viewer = await PortalClient.WithRoleAsync(factory, Roles.Viewer);
        using var response = await viewer.Http.GetAsync(path, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);
        Assert.Contains("'nosuchhost'", problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task Delete_Host_GoneFromListAnd404()
    {
        using var admin = await PortalClient.AdminAsync(factory);
        var created = await admin.CreateHostAsync();
        using var deleted = await admin.Http.DeleteAsync($"/api/hosts/{created.Name}", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        using var get = await admin.Http.GetAsync($"/api/hosts/{created.Name}", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.NotFound, get.StatusCode);
    }
}
