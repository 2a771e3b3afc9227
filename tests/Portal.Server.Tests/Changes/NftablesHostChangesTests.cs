using System.Net;
using Portal.Contracts.Api;
using Portal.Contracts.Intents;
using Portal.Core.Plans;
using Portal.Server.Tests.Infrastructure;

namespace Portal.Server.Tests.Changes;

/// <summary>
/// A host whose dockerd runs Docker 29's nftables firewall backend (the agent's snapshot says iptablesBackend
/// "nftables"): every change is refused with 409 and a message naming the backend, and the agent is sent nothing.
/// </summary>
public sealed class NftablesHostChangesTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    public static TheoryData<string, string, object?> Changes => new()
    {
        { "POST", "links", new LinkRequest("client", "web", "web") },
        { "POST", "links?dryRun=true", new LinkRequest("client", "web", "web") },
        { "PUT", "networks/bridge/icc", new IccRequest(true) },
        { "POST", "networks", new NetworkRequest("srv-nft", null, null, true, true) },
        { "POST", "ports", new PortRequest("web", 80, "tcp", 9090, null) },
    };

    [Theory]
    [MemberData(nameof(Changes))]
    public async Task Change_OnNftablesHost_409NamingTheBackendAndNoCommand(string method, string path, object? body)
    {
        using var admin = await PortalClient.AdminAsync(factory);
        var host = await admin.CreateHostAsync();
        await using var agent = await FakeAgent.ConnectAsync(factory, host, ChangeHosts.Classic(host.Name) with { IptablesBackend = FirewallRefusal.Nftables });
        using var op = await PortalClient.WithRoleAsync(factory, Roles.Operator);
        await Eventually.TrueAsync(async () => (await op.GetAsync<HostSummary>($"/api/hosts/{host.Name}")).Containers == 2, "the snapshot is in");

        var (status, problem) = await ChangeClient.SendAsync(op, new HttpMethod(method), $"/api/hosts/{host.Name}/{path}", body);

        Assert.Equal(HttpStatusCode.Conflict, status);
        Assert.Contains("nftables firewall backend", problem.GetRawText(), StringComparison.Ordinal);
        Assert.Contains(host.Name, problem.GetRawText(), StringComparison.Ordinal);
        Assert.Empty(agent.Received);
        Assert.Empty(await ChangeClient.IntentsAsync(op, host.Name));
    }
}
