using System.Net;
using System.Text.Json;
using Portal.Contracts.Agent;
using Portal.Contracts.Api;
using Portal.Contracts.Model;
using Portal.Core.Iptables;
using Portal.Core.Ownership;
using Portal.Server.Tests.Infrastructure;

namespace Portal.Server.Tests.Reachability;

/// <summary>
/// <c>GET /api/hosts/{host}/reachability</c> and <c>/reachability/matrix</c> through the real server, on a state an agent
/// sent: Docker 20.10's rules for docker0 with ICC off, web publishing 8080 and a link client -> web on port 80.
/// </summary>
public sealed class ReachabilityApiTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    private const string Rules = """
        *filter
        :INPUT ACCEPT [0:0]
        :FORWARD DROP [0:0]
        :OUTPUT ACCEPT [0:0]
        :DOCKER - [0:0]
        :DOCKER-ISOLATION-STAGE-1 - [0:0]
        :DOCKER-ISOLATION-STAGE-2 - [0:0]
        :DOCKER-USER - [0:0]
        -A FORWARD -j DOCKER-USER
        -A FORWARD -j DOCKER-ISOLATION-STAGE-1
        -A FORWARD -o docker0 -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT
        -A FORWARD -o docker0 -j DOCKER
        -A FORWARD -i docker0 ! -o docker0 -j ACCEPT
        -A FORWARD -i docker0 -o docker0 -j DROP
        -A DOCKER -d 172.17.0.2/32 ! -i docker0 -o docker0 -p tcp -m tcp --dport 80 -j ACCEPT
        -A DOCKER -s 172.17.0.3/32 -d 172.17.0.2/32 -i docker0 -o docker0 -p tcp -m tcp --dport 80 -j ACCEPT
        -A DOCKER -s 172.17.0.2/32 -d 172.17.0.3/32 -i docker0 -o docker0 -p tcp -m tcp --sport 80 -j ACCEPT
        -A DOCKER-ISOLATION-STAGE-1 -i docker0 ! -o docker0 -j DOCKER-ISOLATION-STAGE-2
        -A DOCKER-ISOLATION-STAGE-1 -j RETURN
        -A DOCKER-ISOLATION-STAGE-2 -o docker0 -j DROP
        -A DOCKER-ISOLATION-STAGE-2 -j RETURN
        -A DOCKER-USER -j RETURN
        COMMIT
        *nat
        :PREROUTING ACCEPT [0:0]
        :INPUT ACCEPT [0:0]
        :OUTPUT ACCEPT [0:0]
        :POSTROUTING ACCEPT [0:0]
        :DOCKER - [0:0]
        -A PREROUTING -m addrtype --dst-type LOCAL -j DOCKER
        -A OUTPUT ! -d 127.0.0.0/8 -m addrtype --dst-type LOCAL -j DOCKER
        -A POSTROUTING -s 172.17.0.0/16 ! -o docker0 -j MASQUERADE
        -A POSTROUTING -s 172.17.0.2/32 -d 172.17.0.2/32 -p tcp -m tcp --dport 80 -j MASQUERADE
        -A DOCKER -i docker0 -j RETURN
        -A DOCKER ! -i docker0 -p tcp -m tcp --dport 8080 -j DNAT --to-destination 172.17.0.2:80
        COMMIT

        """;

    [Fact]
    public async Task Ask_LinkedPair_AllowedWithTheLinkRuleOwnerAndLowerCaseEnums()
    {
        var (host, viewer) = await HostWithStateAsync();

        using var json = await GetJsonAsync(viewer, $"/api/hosts/{host}/reachability?from=client&to=web&port=80&proto=tcp");

        var root = json.RootElement;
        Assert.Equal("allowed", root.GetProperty("verdict").GetString());
        var decidedBy = root.GetProperty("decidedBy");
        Assert.Equal("-A DOCKER -s 172.17.0.3/32 -d 172.17.0.2/32 -i docker0 -o docker0 -p tcp -m tcp --dport 80 -j ACCEPT", decidedBy.GetProperty("rule").GetString());
        Assert.Equal(("link", "client", "web"), (decidedBy.GetProperty("owner").GetProperty("kind").GetString(),
            decidedBy.GetProperty("owner").GetProperty("source").GetString(), decidedBy.GetProperty("owner").GetProperty("target").GetString()));
        Assert.Equal("accept", decidedBy.GetProperty("result").GetString());
        var results = root.GetProperty("path").EnumerateArray().Select(s => s.GetProperty("result").GetString()).ToList();
        Assert.Equal(["policy", "route", "jump", "return", "jump", "return", "jump", "accept", "policy"], results);
        Assert.Equal(0, root.GetProperty("translations").GetArrayLength());
    }

    [Fact]
    public async Task Ask_ReverseOfTheLink_BlockedByTheIccRule()
    {
        var (host, viewer) = await HostWithStateAsync();

        using var json = await GetJsonAsync(viewer, $"/api/hosts/{host}/reachability?from=web&to=client&port=80&proto=tcp");

        Assert.Equal("blocked", json.RootElement.GetProperty("verdict").GetString());
        Assert.Equal("-A FORWARD -i docker0 -o docker0 -j DROP", json.RootElement.GetProperty("decidedBy").GetProperty("rule").GetString());
        Assert.Equal("icc", json.RootElement.GetProperty("decidedBy").GetProperty("owner").GetProperty("kind").GetString());
    }

    [Fact]
    public async Task Ask_OutsideToThePublishedPort_ShowsTheDnat()
    {
        var (host, viewer) = await HostWithStateAsync();

        using var json = await GetJsonAsync(viewer, $"/api/hosts/{host}/reachability?from=external:10.20.30.1&to=10.20.30.100&port=8080&proto=tcp");

        Assert.Equal("allowed", json.RootElement.GetProperty("verdict").GetString());
        var translation = Assert.Single(json.RootElement.GetProperty("translations").EnumerateArray().ToList());
        Assert.Equal(("dnat", "10.20.30.100:8080", "172.17.0.2:80"),
            (translation.GetProperty("kind").GetString(), translation.GetProperty("before").GetString(), translation.GetProperty("after").GetString()));
    }

    [Fact]
    public async Task Ask_PolicyChangedByADelta_AnswersFromTheNewState()
    {
        var (host, viewer, agent) = await HostWithAgentAsync();
        await using (agent)
        {
            const string query = "from=external:10.20.30.1&to=172.17.0.3&port=22";
            using (var before = await GetJsonAsync(viewer, $"/api/hosts/{host}/reachability?{query}"))
            {
                Assert.Equal("blocked", before.RootElement.GetProperty("verdict").GetString());
                Assert.Equal("-P FORWARD DROP", before.RootElement.GetProperty("decidedBy").GetProperty("rule").GetString());
                Assert.Equal(JsonValueKind.Null, before.RootElement.GetProperty("decidedBy").GetProperty("owner").ValueKind);
            }

            var policies = Snapshot(host).Policies!.Select(p => p.Chain == "FORWARD" ? p with { Policy = "ACCEPT" } : p).ToList();
            await agent.SendAsync(AgentHubMethods.Delta, new HostDelta(host, 2, DateTimeOffset.UtcNow, Policies: policies));

            await Eventually.TrueAsync(async () =>
            {
                using var after = await GetJsonAsync(viewer, $"/api/hosts/{host}/reachability?{query}");
                return after.RootElement.GetProperty("verdict").GetString() == "allowed";
            }, "the verdict after the FORWARD policy became ACCEPT");
        }
    }

    [Fact]
    public async Task Ask_BadFields_400NamingEachField()
    {
        var (host, viewer) = await HostWithStateAsync();

        using var json = await GetJsonAsync(viewer, $"/api/hosts/{host}/reachability?from=external:nope&port=http&proto=icmp", HttpStatusCode.BadRequest);

        var errors = json.RootElement.GetProperty("errors");
        Assert.Equal(["from", "port", "proto", "to"], errors.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Ask_UnknownHostOrContainer_404_AndAnonymous401()
    {
        var (host, viewer) = await HostWithStateAsync();
        using var anonymous = PortalClient.Anonymous(factory);
        var ct = TestContext.Current.CancellationToken;

        using var noHost = await viewer.Http.GetAsync("/api/hosts/no-such-host/reachability?from=web&to=client&port=80", ct);
        using var noContainer = await viewer.Http.GetAsync($"/api/hosts/{host}/reachability?from=ghost&to=client&port=80", ct);
        using var noTarget = await viewer.Http.GetAsync($"/api/hosts/{host}/reachability?from=web&to=ghost&port=80", ct);
        using var refused = await anonymous.Http.GetAsync($"/api/hosts/{host}/reachability?from=web&to=client&port=80", ct);
        using var refusedMatrix = await anonymous.Http.GetAsync($"/api/hosts/{host}/reachability/matrix", ct);

        Assert.Equal(
            [HttpStatusCode.NotFound, HttpStatusCode.NotFound, HttpStatusCode.NotFound, HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized],
            [noHost.StatusCode, noContainer.StatusCode, noTarget.StatusCode, refused.StatusCode, refusedMatrix.StatusCode]);
        Assert.Contains("ghost", await noContainer.Content.ReadAsStringAsync(ct), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Matrix_Network_EveryOrderedPairOnEachOfferedPort()
    {
        var (host, viewer) = await HostWithStateAsync();

        using var json = await GetJsonAsync(viewer, $"/api/hosts/{host}/reachability/matrix?network=bridge");

        var cells = json.RootElement.GetProperty("cells").EnumerateArray()
            .Select(c => $"{c.GetProperty("from").GetString()}->{c.GetProperty("to").GetString()}:{c.GetProperty("port").GetInt32()}/{c.GetProperty("protocol").GetString()}={c.GetProperty("verdict").GetString()}")
            .Order(StringComparer.Ordinal);
        Assert.Equal(["client->web:80/tcp=allowed", "web->client:22/tcp=blocked"], cells);
    }

    [Fact]
    public async Task Exposure_PublishedPort_AllowedFromOutsideWithItsWarnings()
    {
        var (host, viewer) = await HostWithStateAsync();

        using var json = await GetJsonAsync(viewer, $"/api/hosts/{host}/exposure?address=10.20.30.100");
        using var bad = await GetJsonAsync(viewer, $"/api/hosts/{host}/exposure?address=nope", HttpStatusCode.BadRequest);

        var port = Assert.Single(json.RootElement.GetProperty("ports").EnumerateArray().ToList());
        Assert.Equal(("web", 8080, "tcp", "allowed"), (port.GetProperty("container").GetString(), port.GetProperty("hostPort").GetInt32(),
            port.GetProperty("protocol").GetString(), port.GetProperty("verdict").GetString()));
        Assert.Equal("-A DOCKER -d 172.17.0.2/32 ! -i docker0 -o docker0 -p tcp -m tcp --dport 80 -j ACCEPT", port.GetProperty("decidedBy").GetString());
        Assert.Equal(["all-addresses"], port.GetProperty("warnings").EnumerateArray().Select(w => w.GetProperty("kind").GetString()));
        Assert.Equal(0, json.RootElement.GetProperty("warnings").GetArrayLength());
        Assert.True(bad.RootElement.GetProperty("errors").TryGetProperty("address", out _));
    }

    private async Task<(string Host, PortalClient Viewer)> HostWithStateAsync()
    {
        var (host, viewer, agent) = await HostWithAgentAsync();
        await agent.DisposeAsync();
        return (host, viewer);
    }

    private async Task<(string Host, PortalClient Viewer, TestAgent Agent)> HostWithAgentAsync()
    {
        using var admin = await PortalClient.AdminAsync(factory);
        var host = await admin.CreateHostAsync();
        var agent = await TestAgent.ConnectAsync(factory, host.Token);
        await agent.SendAsync(AgentHubMethods.Snapshot, Snapshot(host.Name));
        var viewer = await PortalClient.WithRoleAsync(factory, Roles.Viewer);
        await Eventually.TrueAsync(async () => (await viewer.GetAsync<HostStateView>($"/api/hosts/{host.Name}/state")).Sequence == 1, "the agent's snapshot");
        return (host.Name, viewer, agent);
    }

    private static async Task<JsonDocument> GetJsonAsync(PortalClient client, string path, HttpStatusCode expected = HttpStatusCode.OK)
    {
        var ct = TestContext.Current.CancellationToken;
        using var response = await client.Http.GetAsync(path, ct);
        var body = await response.Content.ReadAsStringAsync(ct);
        Assert.True(response.StatusCode == expected, $"{response.StatusCode}: {body}");
        return JsonDocument.Parse(body);
    }

    private static HostSnapshot Snapshot(string host)
    {
        Bridge[] bridges = [new("docker0", "bridge", "n1", "172.17.0.0/16", "172.17.0.1", false, true, 1500,
            [new BridgeInterface("vethweb", 7, "web", "eth0"), new BridgeInterface("vethclient", 8, "client", "eth0")])];
        var web = Snapshots.Container("web", "c0ffee01", "172.17.0.2");
        var client = Snapshots.Container("client", "c0ffee02", "172.17.0.3") with
        {
            Ports = [],
            Exposed = ["22/tcp"],
            Links = [new ContainerLink("web", "web")],
        };
        var ruleset = RulesetParser.Parse(Rules);
        return new HostSnapshot(host, 1, DateTimeOffset.UtcNow, "20.10.24", "nf_tables", bridges, [web, client],
            RuleOwnership.Resolve(ruleset, bridges, [web, client]), Policies: ChainPolicies.Of(ruleset));
    }
}
