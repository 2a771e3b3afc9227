using System.Net;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Portal.Contracts.Api;
using Portal.Contracts.Model;
using Portal.Contracts.Wire;
using Portal.Server.Tests.Infrastructure;
using static Portal.Server.Tests.Audit.AuditHost;

namespace Portal.Server.Tests.Audit;

public sealed class AuditApiTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    private const string Dnat = "-A DOCKER ! -i docker0 -p tcp -m tcp --dport 8080 -j DNAT --to-destination 172.17.0.2:80";
    private const string Accept = "-A DOCKER -d 172.17.0.2/32 ! -i docker0 -o docker0 -p tcp -m tcp --dport 80 -j ACCEPT";

    [Fact]
    public async Task RuleChanges_Batch_AppearsWithEveryContractField()
    {
        using var admin = await PortalClient.AdminAsync(factory);
        await using var host = await StartAsync(factory, admin);
        await host.SendAsync(Added(1, "nat", "DOCKER", Dnat, 1, Port("web", "8080/tcp"), Docker("start", "web")));

        using var viewer = await PortalClient.WithRoleAsync(factory, Roles.Viewer);
        var row = Assert.Single(await viewer.GetAsync<List<AuditEntryView>>($"/api/audit?host={host.Name}"));
        Assert.True(row.Id > 0);
        Assert.Equal(At(1), row.At);
        Assert.Equal(host.Name, row.Host);
        Assert.Equal("nat", row.Table);
        Assert.Equal("DOCKER", row.Chain);
        Assert.Equal(ChangeKind.Added, row.Change);
        Assert.Equal(Dnat, row.Rule);
        Assert.Equal(Port("web", "8080/tcp"), row.Owner);
        Assert.Equal(Docker("start", "web"), row.Cause);
    }

    [Fact]
    public async Task RuleChanges_SameBatchTwice_StoredOnce()
    {
        using var admin = await PortalClient.AdminAsync(factory);
        await using var host = await StartAsync(factory, admin);
        var batch = await host.SendAsync(
            Added(1, "nat", "DOCKER", Dnat, 1, Port("web", "8080/tcp")),
            Added(1, "filter", "DOCKER", Accept, 1, Port("web", "8080/tcp")));

        await host.SendAsync(batch);
        await host.SendAsync(batch with { Changes = [.. batch.Changes] });

        var rows = await admin.GetAsync<List<AuditEntryView>>($"/api/audit?host={host.Name}");
        Assert.Equal([Dnat, Accept], rows.Select(r => r.Rule).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Filters_EachFilter_ExactlyItsRows()
    {
        using var admin = await PortalClient.AdminAsync(factory);
        await using var host = await StartAsync(factory, admin);
        await using var other = await StartAsync(factory, admin);
        host.Sent(7, "alice", At(3), At(3));
        await host.SendAsync(Added(1, "nat", "DOCKER", "-A DOCKER -j R1", 1, Port("web", "80/tcp"), Docker("start", "web")));
        await host.SendAsync(Added(2, "filter", "DOCKER", "-A DOCKER -j R2", 1, Port("db", "5432/tcp"), Docker("start", "db")));
        await host.SendAsync(Added(3, "filter", "FORWARD", "-A FORWARD -j R3", 1, cause: ByPortal("alice", 7)));
        await host.SendAsync(Added(4, "nat", "POSTROUTING", "-A POSTROUTING -j R4", 1, Masquerade));
        await host.SendAsync(Removed(5, "nat", "DOCKER", "-A DOCKER -j R1", 1, Port("web", "80/tcp"), Docker("stop", "web")));
        await other.SendAsync(Added(2, "nat", "DOCKER", "-A DOCKER -j O1", 1, Port("web", "80/tcp"), Docker("start", "web")));

        async Task<string[]> Rules(string query) =>
            [.. (await admin.GetAsync<List<AuditEntryView>>($"/api/audit?host={host.Name}{query}")).Select(r => $"{WireName.Of(r.Change)[0]}{r.Rule[^2..]}")];

        Assert.Equal(new[] { "rR1", "aR4", "aR3", "aR2", "aR1" }, await Rules(""));
        Assert.Equal(new[] { "rR1", "aR4", "aR1" }, await Rules("&table=nat"));
        Assert.Equal(new[] { "rR1", "aR1" }, await Rules("&table=nat&chain=DOCKER"));
        Assert.Equal(new[] { "aR2" }, await Rules("&table=filter&chain=DOCKER"));
        Assert.Equal(new[] { "rR1", "aR1" }, await Rules("&container=web"));
        Assert.Equal(new[] { "aR2" }, await Rules("&container=db"));
        Assert.Empty(await Rules("&container=nobody"));
        Assert.Equal(new[] { "rR1", "aR2", "aR1" }, await Rules("&cause=docker"));
        Assert.Equal(new[] { "aR3" }, await Rules("&cause=portal"));
        Assert.Equal(new[] { "aR3" }, await Rules("&cause=Portal"));
        Assert.Equal(new[] { "aR4" }, await Rules("&cause=external"));
        Assert.Equal(new[] { "aR4", "aR3", "aR2" }, await Rules($"&since={Uri.EscapeDataString(At(2).ToString("O"))}&until={Uri.EscapeDataString(At(4).ToString("O"))}"));
        Assert.Equal(new[] { "aR4", "aR3" }, await Rules("&since=2026-01-01T00:03:00Z&until=2026-01-01T00:04:00%2B00:00"));

        // Paging: two at a time, each page continuing after the last row of the one before.
        var first = await admin.GetAsync<List<AuditEntryView>>($"/api/audit?host={host.Name}&limit=2");
        var second = await admin.GetAsync<List<AuditEntryView>>($"/api/audit?host={host.Name}&limit=2&before={first[^1].Id}");
        var third = await admin.GetAsync<List<AuditEntryView>>($"/api/audit?host={host.Name}&limit=2&before={second[^1].Id}");
        Assert.Equal(["R1", "R4", "R3", "R2", "R1"], first.Concat(second).Concat(third).Select(r => r.Rule[^2..]));
        Assert.Single(third);

        // Across hosts, the container filter still finds the other host's row.
        var web = await admin.GetAsync<List<AuditEntryView>>("/api/audit?container=web&limit=10000");
        Assert.Contains(web, r => r.Host == other.Name && r.Rule.EndsWith("O1", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Csv_SameFilters_HeaderAndRowsAsText()
    {
        using var admin = await PortalClient.AdminAsync(factory);
        await using var host = await StartAsync(factory, admin);
        await host.SendAsync(Added(1, "nat", "DOCKER", Dnat, 1, Port("web", "8080/tcp"), Docker("start", "web")));
        host.Sent(7, "alice", At(2), At(2));
        await host.SendAsync(Added(2, "filter", "FORWARD", "-A FORWARD -m comment --comment \"a, b\" -j ACCEPT", 1, cause: ByPortal("alice", 7)));

        using var viewer = await PortalClient.WithRoleAsync(factory, Roles.Viewer);
        var response = await viewer.Http.GetAsync($"/api/audit.csv?host={host.Name}", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        var lines = (await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken))
            .Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("id,at,host,table,chain,change,rule,owner,cause", lines[0]);
        Assert.Equal(3, lines.Length);
        Assert.EndsWith($",2026-01-01T00:02:00.000Z,{host.Name},filter,FORWARD,added,\"'-A FORWARD -m comment --comment \"\"a, b\"\" -j ACCEPT\",unknown,portal alice (intent 7)", lines[1]);
        Assert.EndsWith($",2026-01-01T00:01:00.000Z,{host.Name},nat,DOCKER,added,'{Dnat},port web 8080/tcp,docker start web", lines[2]);

        var filtered = await viewer.Http.GetStringAsync($"/api/audit.csv?host={host.Name}&cause=docker", TestContext.Current.CancellationToken);
        Assert.Equal(2, filtered.Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Length);
    }

    [Theory]
    [InlineData("/api/audit?cause=kernel", "cause")]
    [InlineData("/api/audit?since=yesterday", "since")]
    [InlineData("/api/audit?limit=0", "limit")]
    [InlineData("/api/audit?limit=10001", "limit")]
    [InlineData("/api/audit?before=x", "before")]
    [InlineData("/api/audit.csv?until=soon", "until")]
    [InlineData("/api/audit/rules?host=h1", "at")]
    [InlineData("/api/audit/rules?at=2026-01-01T00:00:00Z", "host")]
    [InlineData("/api/audit/diff?host=h1&from=2026-01-01T00:00:00Z", "to")]
    public async Task Query_BadParameter_400NamingIt(string path, string parameter)
    {
        using var viewer = await PortalClient.WithRoleAsync(factory, Roles.Viewer);
        var response = await viewer.Http.GetAsync(path, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains($"\"{parameter}\"", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
    }

    [Theory]
    [InlineData("/api/audit?host=no-such-host")]
    [InlineData("/api/audit.csv?host=no-such-host")]
    [InlineData("/api/audit/rules?host=no-such-host&at=2026-01-01T00:00:00Z")]
    [InlineData("/api/audit/diff?host=no-such-host&from=2026-01-01T00:00:00Z&to=2026-01-02T00:00:00Z")]
    public async Task Query_UnknownHost_404(string path)
    {
        using var viewer = await PortalClient.WithRoleAsync(factory, Roles.Viewer);
        var response = await viewer.Http.GetAsync(path, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Theory]
    [InlineData("/api/audit")]
    [InlineData("/api/audit.csv")]
    [InlineData("/api/audit/rules?host=h1&at=2026-01-01T00:00:00Z")]
    public async Task Audit_Anonymous_401(string path)
    {
        using var anonymous = PortalClient.Anonymous(factory);
        var response = await anonymous.Http.GetAsync(path, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Routes_UnderAudit_NoneDeletesOrWrites()
    {
        _ = factory.Server;
        var routes = factory.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText?.StartsWith("/api/audit", StringComparison.Ordinal) == true)
            .ToList();
        Assert.Equal(4, routes.Count);
        Assert.All(routes, r => Assert.Equal(["GET"], r.Metadata.GetMetadata<Microsoft.AspNetCore.Routing.HttpMethodMetadata>()!.HttpMethods));

        using var admin = await PortalClient.AdminAsync(factory);
        var response = await admin.Http.DeleteAsync("/api/audit", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
    }

    [Fact]
    public async Task RuleChanges_BatchOfAnotherHost_RefusedAndNotStored()
    {
        using var admin = await PortalClient.AdminAsync(factory);
        await using var host = await StartAsync(factory, admin);
        await using var victim = await StartAsync(factory, admin);
        var forged = new RuleChangeBatch(victim.Name, Guid.NewGuid(), 1, At(1), [Added(1, "nat", "DOCKER", Dnat, 1)]);

        await Assert.ThrowsAnyAsync<Exception>(() => host.SendAsync(forged));

        Assert.Empty(await admin.GetAsync<List<AuditEntryView>>($"/api/audit?host={victim.Name}"));
    }
}
