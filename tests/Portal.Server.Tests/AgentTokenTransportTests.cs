using System.Net;
using System.Net.Http.Headers;
using Portal.Contracts.Agent;
using Portal.Server.Tests.Infrastructure;

namespace Portal.Server.Tests;

/// <summary>The agent's token counts only in the Authorization header: a URL (and so every request log) never carries it.</summary>
public sealed class AgentTokenTransportTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    [Fact]
    public async Task Negotiate_TokenInQuery_Unauthorized()
    {
        using var admin = await PortalClient.AdminAsync(factory);
        var host = await admin.CreateHostAsync();
        using var http = factory.CreateClient();

        using var response = await http.PostAsync(
            $"{AgentHubMethods.Path}/negotiate?negotiateVersion=1&access_token={Uri.EscapeDataString(host.Token)}", null, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Negotiate_TokenInAuthorizationHeader_Accepted()
    {
        using var admin = await PortalClient.AdminAsync(factory);
        var host = await admin.CreateHostAsync();
        using var http = factory.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, $"{AgentHubMethods.Path}/negotiate?negotiateVersion=1");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", host.Token);

        using var response = await http.SendAsync(request, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}
