using System.Net;
using System.Text.Json;
using Portal.Contracts.Api;
using Portal.Contracts.Intents;
using Portal.Contracts.Model;
using Portal.Contracts.Plans;
using Portal.Contracts.Reachability;
using Portal.Server.Tests.Infrastructure;

namespace Portal.Server.Tests.Changes;

/// <summary>
/// Every change kind's plan carries the pairs it makes reachable or unreachable (<c>plan.reachability</c>), worked out
/// by the real server from the host's state: docker0 with ICC off as Docker 20.10 writes it, client linked to web, db
/// unlinked, an empty network "spare" and the physical interface eth0.
/// </summary>
public sealed class PlanReachabilityApiTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    public static TheoryData<string, string, object?, string[]> Changes => new()
    {
        { "POST", "links", new LinkRequest("db", "web", "web"), ["db->web:80/tcp blocked->allowed"] },
        { "DELETE", "links/client/web", null, ["client->web:80/tcp allowed->blocked"] },
        { "PUT", "networks/bridge/icc", new IccRequest(true), ["client->db:5432/tcp blocked->allowed", "db->web:80/tcp blocked->allowed", "web->db:5432/tcp blocked->allowed"] },
        { "POST", "ports", new PortRequest("db", 5432, "tcp", 15432, null), ["external:203.0.113.10->db:15432/tcp blocked->allowed"] },
        { "DELETE", "ports/web/8080/tcp", null, ["external:203.0.113.10->web:8080/tcp allowed->blocked"] },
        { "POST", "networks", new NetworkRequest("srv-net", null, null, true, true), [] },
        { "DELETE", "networks/spare", null, [] },
        { "POST", "networks/spare/connections", new ConnectionRequest("db", null, "172.31.0.5"), [] },
        { "DELETE", "networks/bridge/connections/client", null, ["client->web:80/tcp allowed->blocked"] },
    };

    [Theory]
    [MemberData(nameof(Changes))]
    public async Task DryRun_EveryChangeKind_PlanCarriesTheReachabilityItChanges(string method, string path, object? body, string[] expected)
    {
        var (op, host, agent) = await SetUpAsync();
        await using var owned = agent;

        var (status, json) = await ChangeClient.SendAsync(op, new HttpMethod(method), $"/api/hosts/{host}/{path}?dryRun=true", body);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(JsonValueKind.Array, json.GetProperty("plan").GetProperty("reachability").ValueKind);
        var plan = ChangeClient.Read(json).Plan;
        Assert.Equal(expected, plan.Reachability!.Select(Describe).Order());

        Assert.Equal(0, plan.ReachabilityOmitted);
        Assert.Empty(agent.Received);
    }

    [Fact]
    public async Task DryRun_AddressMapAndUnmap_OutsideReachesTheMappedPortThenNoLonger()
    {
        var (op, host, agent) = await SetUpAsync();
        await using var owned = agent;

        var (status, json) = await ChangeClient.SendAsync(op, HttpMethod.Post, $"/api/hosts/{host}/addresses?dryRun=true", new AddressRequest("10.20.30.150", "eth0", "web", ["80/tcp"]));
        Assert.Equal(HttpStatusCode.OK, status);
        var pair = Assert.Single(ChangeClient.Read(json).Plan.Reachability!, p => p.Address == "10.20.30.150");
        Assert.Equal(("web", 80, ReachabilityVerdict.Blocked, ReachabilityVerdict.Allowed), (pair.To, pair.Port, pair.Before, pair.After));

        (status, _) = await ChangeClient.SendAsync(op, HttpMethod.Post, $"/api/hosts/{host}/addresses", new AddressRequest("10.20.30.150", "eth0", "web", ["80/tcp"]));
        Assert.Equal(HttpStatusCode.OK, status);
        (status, json) = await ChangeClient.SendAsync(op, HttpMethod.Delete, $"/api/hosts/{host}/addresses/10.20.30.150?dryRun=true");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(JsonValueKind.Array, json.GetProperty("plan").GetProperty("reachability").ValueKind);
    }

    private static string Describe(PlannedReachability p) =>
        $"{p.From}->{p.To}:{p.Port}/{Wire(p.Protocol)} {Wire(p.Before)}->{Wire(p.After)}";

    private static string Wire(TransportProtocol value) => Portal.Contracts.Wire.WireName.Of(value);

    private static string Wire(ReachabilityVerdict value) => Portal.Contracts.Wire.WireName.Of(value);

    private static HostSnapshot Host(string name)
    {
        static Rule R(string table, string chain, int index, string text) => new(table, chain, index, text, RuleOwner.Unknown);
        var client = ChangeHosts.Client(new ContainerLink("web", "web")) with { Ports = [], Exposed = [] };
        var db = Snapshots.Container("db", "db000000", "172.17.0.4") with { Ports = [], Exposed = ["5432/tcp"] };
        return Snapshots.Classic(name, 1) with
        {
            Bridges =
            [
                new Bridge("docker0", "bridge", "n1", "172.17.0.0/16", "172.17.0.1", false, true, 1500, []),
                new Bridge("br-5ba4e0000001", "spare", "n9", "172.31.0.0/24", "172.31.0.1", true, true, 1500, []),
            ],
            Containers = [client, Snapshots.Web(), db],
            Interfaces = [new HostInterface("eth0", [new InterfaceAddress("10.20.30.100", 24)])],
            Policies = [new ChainPolicy("filter", "INPUT", "ACCEPT"), new ChainPolicy("filter", "FORWARD", "DROP"), new ChainPolicy("filter", "OUTPUT", "ACCEPT"),
                new ChainPolicy("nat", "PREROUTING", "ACCEPT"), new ChainPolicy("nat", "INPUT", "ACCEPT"), new ChainPolicy("nat", "OUTPUT", "ACCEPT"), new ChainPolicy("nat", "POSTROUTING", "ACCEPT")],
            Rules =
            [
                R("filter", "FORWARD", 1, "-A FORWARD -j DOCKER-USER"),
                R("filter", "FORWARD", 2, "-A FORWARD -o docker0 -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT"),
                R("filter", "FORWARD", 3, "-A FORWARD -o docker0 -j DOCKER"),
                R("filter", "FORWARD", 4, "-A FORWARD -i docker0 ! -o docker0 -j ACCEPT"),
                R("filter", "FORWARD", 5, "-A FORWARD -i docker0 -o docker0 -j DROP"),
                R("filter", "DOCKER", 1, "-A DOCKER -d 172.17.0.2/32 ! -i docker0 -o docker0 -p tcp -m tcp --dport 80 -j ACCEPT"),
                R("filter", "DOCKER", 2, "-A DOCKER -s 172.17.0.3/32 -d 172.17.0.2/32 -i docker0 -o docker0 -p tcp -m tcp --dport 80 -j ACCEPT"),
                R("filter", "DOCKER", 3, "-A DOCKER -s 172.17.0.2/32 -d 172.17.0.3/32 -i docker0 -o docker0 -p tcp -m tcp --sport 80 -j ACCEPT"),
                R("filter", "DOCKER-USER", 1, "-A DOCKER-USER -j RETURN"),
                R("nat", "PREROUTING", 1, "-A PREROUTING -m addrtype --dst-type LOCAL -j DOCKER"),
                R("nat", "POSTROUTING", 1, "-A POSTROUTING -s 172.17.0.0/16 ! -o docker0 -j MASQUERADE"),
                R("nat", "DOCKER", 1, "-A DOCKER -i docker0 -j RETURN"),
                R("nat", "DOCKER", 2, "-A DOCKER ! -i docker0 -p tcp -m tcp --dport 8080 -j DNAT --to-destination 172.17.0.2:80"),
            ],
        };
    }

    private Task<(PortalClient Operator, string Host, FakeAgent Agent)> SetUpAsync() => FakeAgent.OnNewHostAsync(factory, Host);
}
