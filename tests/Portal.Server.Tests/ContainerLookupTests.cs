using System.Net;
using Portal.Contracts.Agent;
using Portal.Server.Tests.Infrastructure;

namespace Portal.Server.Tests;

public sealed class ContainerLookupTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    [Fact]
    public async Task Container_AmbiguousIdPrefix_NotFoundNeverAServerError()
    {
        using var admin = await PortalClient.AdminAsync(factory);
        admin.Http.DefaultRequestHeaders.Add("X-Requested-With", "test");
        var host = await admin.CreateHostAsync();
        await using var agent = await TestAgent.ConnectAsync(factory, host.Token);
        var snapshot = Snapshots.Classic(host.Name);
        await agent.SendAsync(AgentHubMethods.Snapshot, snapshot with
        {
            Containers = [Snapshots.Container("a", "abcdefabcdef01", "172.17.0.5"), Snapshots.Container("b", "abcdefabcdef02", "172.17.0.6")],
        });

        var ambiguous = await admin.Http.GetAsync($"/api/hosts/{host.Name}/containers/abcdefabcdef", TestContext.Current.CancellationToken);
        var reveal = await admin.Http.PostAsync($"/api/hosts/{host.Name}/containers/abcdefabcdef/env/PATH/reveal", null, TestContext.Current.CancellationToken);
        var unique = await admin.Http.GetAsync($"/api/hosts/{host.Name}/containers/abcdefabcdef02", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.NotFound, ambiguous.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, reveal.StatusCode);
        Assert.Equal(HttpStatusCode.OK, unique.StatusCode);
    }
}
