using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using Portal.Contracts.Api;
using Portal.Contracts.Flows;
using Portal.Server.Flows;
using Portal.Server.Tests.Infrastructure;
using static Portal.Server.Tests.Flows.FlowHost;

namespace Portal.Server.Tests.Flows;

public sealed class FlowsApiTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    private static readonly DateTimeOffset Now = DateTimeOffset.UtcNow;

    [Fact]
    public async Task Reports_SameEdgeTwice_CountsAddedFirstKeptLastMoved()
    {
        using var admin = await PortalClient.AdminAsync(factory);
        await using var host = await StartAsync(factory, admin);
        var t0 = Now.AddMinutes(-10);
        await host.SendAsync(Edge("web", "db", 5432, 3, t0, t0.AddSeconds(1), network: "backend"), Edge("web", "external:8.8.8.8", 53, 1, t0, proto: "udp"));
        await host.SendAsync(Edge("web", "db", 5432, 2, t0.AddMinutes(5), t0.AddMinutes(6), network: "backend"));

        using var viewer = await PortalClient.WithRoleAsync(factory, Roles.Viewer);
        var edges = await viewer.GetAsync<List<FlowEdge>>($"/api/hosts/{host.Name}/flows");
        Assert.Equal(2, edges.Count);
        var db = Assert.Single(edges, e => e.To == "db");
        Assert.Equal(("web", 5432, "tcp", "backend", 5L), (db.From, db.Port, db.Proto, db.Network, db.Count));
        Assert.Equal(t0, db.FirstSeen, TimeSpan.FromMilliseconds(1));
        Assert.Equal(t0.AddMinutes(6), db.LastSeen, TimeSpan.FromMilliseconds(1));
        var dns = Assert.Single(edges, e => e.To == "external:8.8.8.8");
        Assert.Equal(("udp", 1L), (dns.Proto, dns.Count));
        Assert.Null(dns.Network);
    }

    [Fact]
    public async Task Reports_SameReportSentAgain_CountedOnce()
    {
        using var admin = await PortalClient.AdminAsync(factory);
        await using var host = await StartAsync(factory, admin);
        var report = await host.SendAsync(Edge("a", "b", 80, 4, Now.AddMinutes(-1)));

        await host.SendAsync(report);

        var edge = Assert.Single(await admin.GetAsync<List<FlowEdge>>($"/api/hosts/{host.Name}/flows"));
        Assert.Equal(4, edge.Count);
    }

    [Fact]
    public async Task Flows_Json_CamelCaseContractFields()
    {
        using var admin = await PortalClient.AdminAsync(factory);
        await using var host = await StartAsync(factory, admin);
        await host.SendAsync(Edge("external:10.20.30.1", "web", 80, 1, Now.AddMinutes(-1)));

        var json = await admin.Http.GetStringAsync($"/api/hosts/{host.Name}/flows", TestContext.Current.CancellationToken);

        foreach (var field in new[] { "\"from\":", "\"to\":", "\"port\":80", "\"proto\":\"tcp\"", "\"count\":1", "\"firstSeen\":", "\"lastSeen\":" })
        {
            Assert.Contains(field, json);
        }
    }

    [Theory]
    [InlineData("", 2)]
    [InlineData("?since=2000-01-01", 3)]
    [InlineData("?since=SINCE", 1)]
    public async Task Since_FiltersOnLastSeen(string query, int expected)
    {
        using var admin = await PortalClient.AdminAsync(factory);
        await using var host = await StartAsync(factory, admin);
        await host.SendAsync(
            Edge("a", "b", 1, 1, Now.AddMinutes(-5)),
            Edge("a", "b", 2, 1, Now.AddHours(-20)),
            Edge("a", "b", 3, 1, Now.AddDays(-3)));

        var since = Uri.EscapeDataString(Now.AddHours(-1).ToString("yyyy-MM-dd'T'HH:mm:sszzz"));
        var edges = await admin.GetAsync<List<FlowEdge>>($"/api/hosts/{host.Name}/flows{query.Replace("SINCE", since)}");

        Assert.Equal(expected, edges.Count);
    }

    [Fact]
    public void ParseSince_OffsetPlusArrivedAsSpace_ReadAsPlus()
    {
        Assert.Equal(new DateTimeOffset(2026, 11, 29, 9, 0, 0, TimeSpan.Zero), FlowsApi.ParseSince("2026-11-29T10:00:00 01:00"));
        Assert.Equal(new DateTimeOffset(2026, 11, 29, 10, 0, 0, TimeSpan.Zero), FlowsApi.ParseSince("2026-11-29T10:00:00Z"));
        Assert.Equal(new DateTimeOffset(2026, 11, 29, 10, 0, 0, TimeSpan.Zero), FlowsApi.ParseSince("2026-11-29T10:00:00.000Z"));
        Assert.Null(FlowsApi.ParseSince("11/29/2026"));
    }

    [Theory]
    [InlineData("yesterday")]
    [InlineData("2026-13-01")]
    [InlineData("1700000000")]
    public async Task Since_NotIso8601_400NamingSince(string since)
    {
        using var admin = await PortalClient.AdminAsync(factory);
        var host = await admin.CreateHostAsync();

        using var response = await admin.Http.GetAsync($"/api/hosts/{host.Name}/flows?since={since}", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<ValidationProblemDetails>(TestContext.Current.CancellationToken);
        Assert.Contains("since", problem!.Errors.Keys);
    }

    [Fact]
    public async Task Flows_UnknownHost_404()
    {
        using var admin = await PortalClient.AdminAsync(factory);

        using var response = await admin.Http.GetAsync("/api/hosts/nosuchhost/flows", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task Flows_Anonymous_401()
    {
        using var admin = await PortalClient.AdminAsync(factory);
        var host = await admin.CreateHostAsync();
        using var anonymous = PortalClient.Anonymous(factory);

        using var response = await anonymous.Http.GetAsync($"/api/hosts/{host.Name}/flows", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task FlowsChanged_WatchingBrowser_ReceivesTotals()
    {
        using var admin = await PortalClient.AdminAsync(factory);
        await using var host = await StartAsync(factory, admin);
        using var viewer = await PortalClient.WithRoleAsync(factory, Roles.Viewer);
        await using var browser = await TestBrowser.ConnectAsync(factory, viewer);
        var changes = System.Threading.Channels.Channel.CreateUnbounded<FlowsChange>();
        browser.Connection.On<FlowsChange>(LiveHubMethods.FlowsChanged, c => changes.Writer.TryWrite(c));
        await browser.Connection.InvokeAsync(LiveHubMethods.Watch, host.Name, TestContext.Current.CancellationToken);

        await host.SendAsync(Edge("web", "db", 5432, 2, Now, network: "backend"));
        await host.SendAsync(Edge("web", "db", 5432, 3, Now, network: "backend"));

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(10));
        FlowEdge edge;
        do
        {
            var change = await changes.Reader.ReadAsync(timeout.Token);
            Assert.Equal(host.Name, change.Host);
            edge = Assert.Single(change.Edges);
        }
        while (edge.Count < 5);

        Assert.Equal(("web", "db", 5432, "backend", 5L), (edge.From, edge.To, edge.Port, edge.Network, edge.Count));
    }

    [Fact]
    public async Task FlowsChanged_OtherHost_NothingPushed()
    {
        using var admin = await PortalClient.AdminAsync(factory);
        await using var watched = await StartAsync(factory, admin);
        await using var other = await StartAsync(factory, admin);
        await using var browser = await TestBrowser.ConnectAsync(factory, admin);
        var changes = System.Threading.Channels.Channel.CreateUnbounded<FlowsChange>();
        browser.Connection.On<FlowsChange>(LiveHubMethods.FlowsChanged, c => changes.Writer.TryWrite(c));
        await browser.Connection.InvokeAsync(LiveHubMethods.Watch, watched.Name, TestContext.Current.CancellationToken);

        await other.SendAsync(Edge("x", "y", 1, 1, Now));
        await watched.SendAsync(Edge("a", "b", 2, 1, Now));

        var change = await changes.Reader.ReadAsync(TestContext.Current.CancellationToken).AsTask().WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);
        Assert.Equal(watched.Name, change.Host);
        await Task.Delay(FlowNotifier.Interval * 2, TestContext.Current.CancellationToken);
        Assert.False(changes.Reader.TryRead(out _));
    }

    [Fact]
    public async Task Retention_FakeClockPastRetention_OnlyQuietEdgesDeleted()
    {
        var clock = new ManualTime { Now = DateTimeOffset.UtcNow };
        await using var server = new PortalFactory
        {
            Settings = { ["Portal:Flows:Retention"] = "7.00:00:00" },
            Customize = b => b.ConfigureServices(s => s.AddSingleton<TimeProvider>(clock)),
        };
        using var admin = await PortalClient.AdminAsync(server);
        await using var host = await StartAsync(server, admin);
        await host.SendAsync(Edge("a", "b", 1, 1, clock.Now.AddHours(-1)), Edge("a", "b", 2, 1, clock.Now.AddDays(-6)));
        var retention = server.Services.GetRequiredService<FlowRetention>();
        Assert.Equal(0, await retention.PruneAsync(TestContext.Current.CancellationToken));

        clock.Now = clock.Now.AddDays(1.5);
        Assert.Equal(1, await retention.PruneAsync(TestContext.Current.CancellationToken));

        var left = await server.Services.GetRequiredService<IFlowReader>().ReadAsync(host.Name, DateTimeOffset.MinValue, TestContext.Current.CancellationToken);
        Assert.Equal(1, Assert.Single(left).Port);
    }

    private sealed class ManualTime : TimeProvider
    {
        public DateTimeOffset Now { get; set; }

        public override DateTimeOffset GetUtcNow() => Now;
    }
}
