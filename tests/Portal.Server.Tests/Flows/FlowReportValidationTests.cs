using Microsoft.AspNetCore.SignalR;
using Portal.Contracts.Flows;
using Portal.Server.Tests.Infrastructure;
using static Portal.Server.Tests.Flows.FlowHost;

namespace Portal.Server.Tests.Flows;

public sealed class FlowReportValidationTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    private static readonly DateTimeOffset Now = DateTimeOffset.UtcNow;

    public static TheoryData<string, FlowEdge> BadEdges => new()
    {
        { "empty from", Edge("", "b", 80, 1, Now) },
        { "shell in a name", Edge("a;rm", "b", 80, 1, Now) },
        { "external without address", Edge("external:nope", "b", 80, 1, Now) },
        { "port too high", Edge("a", "b", 70000, 1, Now) },
        { "negative port", Edge("a", "b", -1, 1, Now) },
        { "icmp", Edge("a", "b", 0, 1, Now, proto: "icmp") },
        { "negative count", Edge("a", "b", 80, -1, Now) },
        { "huge count", Edge("a", "b", 80, 10_000_000, Now) },
        { "inverted window", Edge("a", "b", 80, 1, Now, Now.AddMinutes(-1)) },
        { "future", Edge("a", "b", 80, 1, Now.AddHours(1)) },
        { "empty network", Edge("a", "b", 80, 1, Now, network: "") },
    };

    [Theory]
    [MemberData(nameof(BadEdges))]
    public async Task Report_BadEdge_RefusedAndNothingStored(string why, FlowEdge bad)
    {
        using var admin = await PortalClient.AdminAsync(factory);
        await using var host = await StartAsync(factory, admin);

        var error = await Assert.ThrowsAsync<HubException>(() => host.SendAsync(Edge("ok", "fine", 1, 1, Now), bad));

        Assert.Contains("refused", error.Message);
        Assert.Empty(await admin.GetAsync<List<FlowEdge>>($"/api/hosts/{host.Name}/flows?since=2000-01-01"));
        _ = why;
    }

    [Fact]
    public async Task Report_OtherHostsName_Refused()
    {
        using var admin = await PortalClient.AdminAsync(factory);
        await using var host = await StartAsync(factory, admin);
        var victim = await admin.CreateHostAsync();

        var error = await Assert.ThrowsAsync<HubException>(() => host.SendAsync(host.Next(Edge("a", "b", 1, 1, Now)) with { Host = victim.Name }));

        Assert.Contains("token", error.Message);
        Assert.Empty(await admin.GetAsync<List<FlowEdge>>($"/api/hosts/{victim.Name}/flows?since=2000-01-01"));
    }

    [Fact]
    public async Task Report_TooManyEdges_Refused()
    {
        using var admin = await PortalClient.AdminAsync(factory);
        await using var host = await StartAsync(factory, admin);
        var edges = Enumerable.Range(1, 2001).Select(p => Edge("a", "b", p, 1, Now)).ToArray();

        await Assert.ThrowsAsync<HubException>(() => host.SendAsync(edges));

        Assert.Empty(await admin.GetAsync<List<FlowEdge>>($"/api/hosts/{host.Name}/flows?since=2000-01-01"));
    }
}
