using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Portal.Contracts.Agent;
using Portal.Contracts.Api;
using Portal.Contracts.Model;
using Portal.Server.Tests.Infrastructure;

namespace Portal.Server.Tests.Counters;

public sealed class CountersApiTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    private static RuleCounter Counter(int index, long packets, bool ipv6 = false, string chain = "DOCKER-USER") =>
        new("filter", chain, index, $"-A {chain} -s 10.0.0.{index}/32 -j DROP", ipv6, packets, packets * 60);

    [Fact]
    public async Task Get_AfterBatches_LatestCountsInRuleOrderWithTheContractsFields()
    {
        using var admin = await PortalClient.AdminAsync(factory);
        var host = await admin.CreateHostAsync();
        await using var agent = await TestAgent.ConnectAsync(factory, host.Token);

        await agent.SendAsync(AgentHubMethods.Counters, new RuleCounterBatch(host.Name, true, [Counter(2, 5), Counter(1, 0), Counter(1, 7, ipv6: true)]));
        await agent.SendAsync(AgentHubMethods.Counters, new RuleCounterBatch(host.Name, false, [Counter(1, 3)], [Counter(2, 5)]));

        using var viewer = await PortalClient.WithRoleAsync(factory, Roles.Viewer);
        var counters = await viewer.GetAsync<List<RuleCounter>>($"/api/hosts/{host.Name}/counters");
        Assert.Equal([Counter(1, 3), Counter(1, 7, ipv6: true)], counters);
        var json = await viewer.Http.GetStringAsync($"/api/hosts/{host.Name}/counters", TestContext.Current.CancellationToken);
        var first = JsonDocument.Parse(json).RootElement[0];
        Assert.Equal(["table", "chain", "index", "text", "ipv6", "packets", "bytes"], first.EnumerateObject().Select(p => p.Name));
        Assert.False(first.GetProperty("ipv6").GetBoolean());
        Assert.Equal(180, first.GetProperty("bytes").GetInt64());
    }

    [Fact]
    public async Task Get_FullBatch_ReplacesWhatWasHeld()
    {
        using var admin = await PortalClient.AdminAsync(factory);
        var host = await admin.CreateHostAsync();
        await using var agent = await TestAgent.ConnectAsync(factory, host.Token);
        await agent.SendAsync(AgentHubMethods.Counters, new RuleCounterBatch(host.Name, true, [Counter(1, 1), Counter(2, 2)]));

        await agent.SendAsync(AgentHubMethods.Counters, new RuleCounterBatch(host.Name, true, [Counter(1, 9, chain: "FORWARD")]));

        Assert.Equal([Counter(1, 9, chain: "FORWARD")], await admin.GetAsync<List<RuleCounter>>($"/api/hosts/{host.Name}/counters"));
    }

    [Fact]
    public async Task HostDeletedAndRegisteredAgain_StartsWithNoCounters()
    {
        using var admin = await PortalClient.AdminAsync(factory);
        var host = await admin.CreateHostAsync();
        await using (var agent = await TestAgent.ConnectAsync(factory, host.Token))
        {
            await agent.SendAsync(AgentHubMethods.Counters, new RuleCounterBatch(host.Name, true, [Counter(1, 4)]));
            await Eventually.TrueAsync(async () => (await admin.GetAsync<List<RuleCounter>>($"/api/hosts/{host.Name}/counters")).Count == 1, "the counter is held");
        }

        var deleted = await admin.Http.DeleteAsync($"/api/hosts/{host.Name}", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        var again = await admin.Http.PostAsJsonAsync("/api/hosts", new { name = host.Name }, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Created, again.StatusCode);

        Assert.Empty(await admin.GetAsync<List<RuleCounter>>($"/api/hosts/{host.Name}/counters"));
    }

    [Theory]
    [InlineData(Roles.Viewer)]
    [InlineData(Roles.Operator)]
    [InlineData(Roles.Admin)]
    public async Task Get_AnySignedInRole_Ok(string role)
    {
        using var admin = await PortalClient.AdminAsync(factory);
        var host = await admin.CreateHostAsync();
        using var user = await PortalClient.WithRoleAsync(factory, role);

        Assert.Empty(await user.GetAsync<List<RuleCounter>>($"/api/hosts/{host.Name}/counters"));
    }

    [Fact]
    public async Task Get_Anonymous_401()
    {
        using var admin = await PortalClient.AdminAsync(factory);
        var host = await admin.CreateHostAsync();
        using var anonymous = PortalClient.Anonymous(factory);

        using var response = await anonymous.Http.GetAsync($"/api/hosts/{host.Name}/counters", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Get_AgentToken_401()
    {
        using var admin = await PortalClient.AdminAsync(factory);
        var host = await admin.CreateHostAsync();
        using var anonymous = PortalClient.Anonymous(factory);
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/hosts/{host.Name}/counters");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", host.Token);

        using var response = await anonymous.Http.SendAsync(request, TestContext.Current.CancellationToken);

        // An agent's token signs in no user: the API answers as to anyone without a session.
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Get_UnknownHost_404()
    {
        using var viewer = await PortalClient.WithRoleAsync(factory, Roles.Viewer);

        using var response = await viewer.Http.GetAsync("/api/hosts/nosuchhost/counters", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    public static TheoryData<string> MalformedBatches => ["other host", "negative packets", "index zero", "no text", "over-long text", "too many", "not an object", "no counters"];

    [Theory]
    [MemberData(nameof(MalformedBatches))]
    public async Task Counters_Malformed_AgentDroppedNothingStoredReasonShown(string what)
    {
        using var admin = await PortalClient.AdminAsync(factory);
        var host = await admin.CreateHostAsync();
        object message = what switch
        {
            "other host" => new RuleCounterBatch("someoneelse", true, [Counter(1, 1)]),
            "negative packets" => new RuleCounterBatch(host.Name, true, [Counter(1, -1)]),
            "index zero" => new RuleCounterBatch(host.Name, true, [Counter(0, 1)]),
            "no text" => new { host = host.Name, full = true, counters = new[] { new { table = "filter", chain = "INPUT", index = 1, packets = 1, bytes = 1 } } },
            "over-long text" => new RuleCounterBatch(host.Name, true, [Counter(1, 1) with { Text = new string('x', RuleCounterBatch.MaxTextLength + 1) }]),
            "too many" => new RuleCounterBatch(host.Name, false, [.. Enumerable.Range(1, RuleCounterBatch.MaxCounters + 1).Select(i => new RuleCounter("filter", "X", i, "", false, 0, 0))]),
            "no counters" => new { host = host.Name, full = true },
            _ => "just a string",
        };
        await using var agent = await TestAgent.ConnectAsync(factory, host.Token);

        // The server aborts while handling the call, so the call itself may fail: either way the connection ends.
        await Record.ExceptionAsync(() => agent.SendAsync(AgentHubMethods.Counters, message));
        await agent.Closed.WaitAsync(TimeSpan.FromSeconds(20), TestContext.Current.CancellationToken);

        Assert.Empty(await admin.GetAsync<List<RuleCounter>>($"/api/hosts/{host.Name}/counters"));
        Assert.Contains("malformed Counters", (await admin.GetAsync<HostSummary>($"/api/hosts/{host.Name}")).LastError);
    }

    [Fact]
    public async Task Counters_BeforeHello_Refused()
    {
        using var admin = await PortalClient.AdminAsync(factory);
        var host = await admin.CreateHostAsync();
        await using var agent = TestAgent.Create(factory, host.Token);
        await agent.Connection.StartAsync(TestContext.Current.CancellationToken);

        await Record.ExceptionAsync(() => agent.SendAsync(AgentHubMethods.Counters, new RuleCounterBatch(host.Name, true, [Counter(1, 1)])));
        await agent.Closed.WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);

        Assert.Empty(await admin.GetAsync<List<RuleCounter>>($"/api/hosts/{host.Name}/counters"));
    }
}
