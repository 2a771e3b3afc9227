using Portal.Contracts.Api;
using Portal.Contracts.Intents;
using Portal.Contracts.Model;
using Portal.Contracts.Plans;
using Portal.Contracts.Reachability;
using Portal.Core.Iptables;
using Portal.Core.Ownership;
using Portal.Core.Plans;
using Portal.Core.PortalRules;
using Portal.Core.Reachability;
using Portal.Core.Tests.Support;

namespace Portal.Core.Tests.Reachability;

/// <summary>
/// The reachability a plan changes, on the stage-05 capture (Docker 20.10, docker0 with ICC off, a stale legacy link
/// from fix-client to 172.17.0.2, now fix-filler's address, and fix-appnet with ICC off): real planners, the real walker.
/// </summary>
public sealed class PlanReachabilityTests
{
    private static readonly string[] DefaultBridge = ["fix-admin", "fix-client", "fix-filler", "fix-web"];

    [Fact]
    public void IccOn_DefaultBridge_ListsEveryPairTheFormerDropBlocked()
    {
        var snapshot = Snapshot();
        var state = new HostState(snapshot);
        var plan = IccPlanner.Plan("bridge", new IccRequest(true), state, PortalChainChange.Between([], [new IccIntent("bridge", true)], snapshot)).Plan!;

        var explained = plan.WithReachability(snapshot);

        // Expected: every ordered pair on docker0, on each port the destination offers, that the observed rules block.
        var model = ReachabilityModel.From(snapshot);
        var expected = new List<string>();
        foreach (var to in DefaultBridge)
        {
            foreach (var port in ServicePort.Of(snapshot.Containers.Single(c => c.Name == to)))
            {
                foreach (var from in DefaultBridge.Where(f => f != to))
                {
                    var address = model.Topology.Container(to)!.Endpoints[0].Address;
                    if (model.Ask(new ReachabilityQuery(PacketSource.FromContainer(from), PacketTarget.FromAddress(address), port.Port, port.Protocol)).Verdict == ReachabilityVerdict.Blocked)
                    {
                        expected.Add($"{from}->{to}:{port}");
                    }
                }
            }
        }

        Assert.Equal(20, expected.Count);
        Assert.Equal(expected.Order(), explained.Reachability!.Select(p => $"{p.From}->{p.To}:{p.Port}/{Wire(p.Protocol)}").Order());
        Assert.All(explained.Reachability!, p =>
        {
            Assert.Equal((ReachabilityVerdict.Blocked, ReachabilityVerdict.Allowed, "bridge"), (p.Before, p.After, p.Network));
            Assert.Equal("-A PORTAL-ICC -i docker0 -o docker0 -j ACCEPT", p.DecidedBy);
        });
        // The legacy link's pair was allowed already, and fix-appnet is untouched.
        Assert.DoesNotContain(explained.Reachability!, p => p.From == "fix-client" && p.To == "fix-filler");
        Assert.DoesNotContain(explained.Reachability!, p => p.To is "fix-api" or "fix-db");
        Assert.Equal(0, explained.ReachabilityOmitted);
    }

    [Fact]
    public void IccOn_WithALimit_ListsThatManyAndCountsTheRest()
    {
        var snapshot = Snapshot();
        var plan = IccPlanner.Plan("bridge", new IccRequest(true), new HostState(snapshot), PortalChainChange.Between([], [new IccIntent("bridge", true)], snapshot)).Plan!;

        var explained = plan.WithReachability(snapshot, limit: 5);

        Assert.Equal(5, explained.Reachability!.Count);
        Assert.Equal(15, explained.ReachabilityOmitted);
    }

    [Fact]
    public void Link_AdminToWeb_OpensExactlyThatPairOnWebsPorts()
    {
        var snapshot = Portalled();
        var plan = LinkPlanner.Plan(new LinkRequest("fix-admin", "fix-web", "web"), new HostState(snapshot),
            PortalChainChange.Between([new IccIntent("bridge", false)], [new IccIntent("bridge", false), new LinkIntent("fix-admin", "fix-web", "web")], snapshot)).Plan!;

        var explained = plan.WithReachability(snapshot);

        Assert.Equal(
            ["fix-admin->fix-web:53/udp", "fix-admin->fix-web:80/tcp", "fix-admin->fix-web:9000/tcp", "fix-admin->fix-web:9001/tcp", "fix-admin->fix-web:9002/tcp"],
            explained.Reachability!.Select(p => $"{p.From}->{p.To}:{p.Port}/{Wire(p.Protocol)}").Order());
        Assert.All(explained.Reachability!, p => Assert.Equal((ReachabilityVerdict.Blocked, ReachabilityVerdict.Allowed), (p.Before, p.After)));
        Assert.Contains("-s 172.17.0.3/32 -d 172.17.0.5/32", explained.Reachability![0].DecidedBy, StringComparison.Ordinal);
    }

    [Fact]
    public void Publish_FillerPort_MakesTheOutsideReachIt()
    {
        var snapshot = Snapshot();
        var binding = new PortBinding(9000, "tcp", null, 9999);
        var plan = PortPlanner.Publish(new PortRequest("fix-filler", 9000, "tcp", 9999, null), new HostState(snapshot)).Plan!;

        var explained = plan.WithReachability(snapshot, snapshot.WithPublishedPort("fix-filler", binding));

        var pair = Assert.Single(explained.Reachability!);
        Assert.Equal(("external:203.0.113.10", "fix-filler", 9999, TransportProtocol.Tcp), (pair.From, pair.To, pair.Port, pair.Protocol));
        Assert.Equal((ReachabilityVerdict.Blocked, ReachabilityVerdict.Allowed), (pair.Before, pair.After));
        Assert.Null(pair.Network);
        Assert.Equal(HostExposureBuilder.StandInHostAddress, pair.Address);
        Assert.Equal("-A DOCKER -d 172.17.0.2/32 ! -i docker0 -o docker0 -p tcp -m tcp --dport 9000 -j ACCEPT", pair.DecidedBy);
    }

    [Fact]
    public void Unpublish_WebsPort_ClosesItFromOutside()
    {
        var snapshot = Snapshot();
        var plan = PortPlanner.Unpublish("fix-web", 8080, "tcp", new HostState(snapshot)).Plan!;

        var explained = plan.WithReachability(snapshot, snapshot.WithoutPublishedPort("fix-web", 8080, "tcp"));

        var pair = Assert.Single(explained.Reachability!);
        Assert.Equal(("external:203.0.113.10", "fix-web", 8080, ReachabilityVerdict.Allowed, ReachabilityVerdict.Blocked), (pair.From, pair.To, pair.Port, pair.Before, pair.After));
    }

    [Fact]
    public void IccOff_FirstPortalWrite_RepairsTheStaleLink()
    {
        // The portal's chain carries fix-client's legacy link to fix-web at fix-web's address now, where Docker's
        // rules still allow the address fix-web had (172.17.0.2, fix-filler's now).
        var snapshot = Snapshot();
        var plan = IccPlanner.Plan("bridge", new IccRequest(false), new HostState(snapshot), PortalChainChange.Between([], [new IccIntent("bridge", false)], snapshot)).Plan!;

        var explained = plan.WithReachability(snapshot);

        Assert.Equal(
            ["fix-client->fix-filler:9000/tcp allowed->blocked", "fix-client->fix-web:53/udp blocked->allowed", "fix-client->fix-web:80/tcp blocked->allowed",
             "fix-client->fix-web:9000/tcp blocked->allowed", "fix-client->fix-web:9001/tcp blocked->allowed", "fix-client->fix-web:9002/tcp blocked->allowed"],
            explained.Reachability!.Select(p => $"{p.From}->{p.To}:{p.Port}/{Wire(p.Protocol)} {Wire(p.Before)}->{Wire(p.After)}").Order());
        Assert.Equal("-A PORTAL-ICC -i docker0 -o docker0 -j DROP", explained.Reachability!.Single(p => p.To == "fix-filler").DecidedBy);
    }

    [Fact]
    public void IccOff_Again_ChangesNothing()
    {
        var snapshot = Portalled();
        var plan = IccPlanner.Plan("bridge", new IccRequest(false), new HostState(snapshot),
            PortalChainChange.Between([new IccIntent("bridge", false)], [new IccIntent("bridge", false)], snapshot)).Plan!;

        var explained = plan.WithReachability(snapshot);

        Assert.NotNull(explained.Reachability);
        Assert.Empty(explained.Reachability);
    }

    [Fact]
    public void DockerUserDrop_NamingNoBridge_ComparesEveryNetwork()
    {
        // A hand-written plan (as a policy planner would make one): a port-wide drop names no bridge and no container,
        // so every network and every published port is compared; it lands after the portal's jump.
        var snapshot = Portalled();
        var plan = new Plan("drop 80", [], [], [], [new PlannedRule("filter", "DOCKER-USER", ChangeKind.Added, "-A DOCKER-USER -p tcp -m tcp --dport 80 -j DROP")], [], "none");

        var explained = plan.WithReachability(snapshot);

        Assert.Equal(
            ["external:203.0.113.10->fix-admin:9090/tcp allowed->blocked", "external:203.0.113.10->fix-api:8081/tcp allowed->blocked", "external:203.0.113.10->fix-web:8080/tcp allowed->blocked"],
            explained.Reachability!.Select(p => $"{p.From}->{p.To}:{p.Port}/{Wire(p.Protocol)} {Wire(p.Before)}->{Wire(p.After)}").Order());
        // Container pairs on port 80 are decided before it: the portal's chain accepts fix-client's link first.
        Assert.DoesNotContain(explained.Reachability!, p => p.Network is not null);
    }

    [Fact]
    public void Disconnect_ApiFromAppnet_ItsPairsThereBecomeBlocked()
    {
        // fix-appnet has ICC off in the capture: turn it on first so that db reaches api there.
        var snapshot = Snapshot();
        var iccOn = IccPlanner.Plan("fix-appnet", new IccRequest(true), new HostState(snapshot), PortalChainChange.Between([], [new IccIntent("fix-appnet", true)], snapshot)).Plan!;
        var open = snapshot.WithPlannedRules(iccOn.Rules);
        var plan = ConnectionPlanner.Disconnect("fix-appnet", "fix-api", new HostState(open)).Plan!;

        var explained = plan.WithReachability(open, open.WithoutConnection("fix-appnet", "fix-api"));

        var pair = Assert.Single(explained.Reachability!, p => p.Network == "fix-appnet");
        Assert.Equal(("fix-db", "fix-api", 80, ReachabilityVerdict.Allowed, ReachabilityVerdict.Blocked), (pair.From, pair.To, pair.Port, pair.Before, pair.After));
        Assert.Equal("fix-api is not on network fix-appnet", pair.DecidedBy);
    }

    private static string Wire(TransportProtocol protocol) => Portal.Contracts.Wire.WireName.Of(protocol);

    private static string Wire(ReachabilityVerdict verdict) => Portal.Contracts.Wire.WireName.Of(verdict);

    /// <summary>The capture once the portal has written its chain for ICC off on docker0 (as the agent would then report it).</summary>
    private static HostSnapshot Portalled()
    {
        var snapshot = Snapshot();
        var plan = IccPlanner.Plan("bridge", new IccRequest(false), new HostState(snapshot), PortalChainChange.Between([], [new IccIntent("bridge", false)], snapshot)).Plan!;
        return snapshot.WithPlannedRules(plan.Rules);
    }

    private static HostSnapshot Snapshot()
    {
        var bridges = InspectModel.Bridges(Captures.Fixture("inspect-network-bridge.json"))
            .Concat(InspectModel.Bridges(Captures.Fixture("inspect-network-fix-appnet.json")))
            .ToList();
        var containers = new[] { "fix-web", "fix-admin", "fix-client", "fix-filler", "fix-db", "fix-api" }
            .SelectMany(n => InspectModel.Containers(Captures.Fixture($"inspect-container-{n}.json")))
            .ToList();
        var ruleset = RulesetParser.Parse(Captures.Fixture("05-stale-link.txt"));
        return new HostSnapshot("fixcap", 1, DateTimeOffset.UnixEpoch, "20.10.24", "nf_tables", bridges, containers,
            RuleOwnership.Resolve(ruleset, bridges, containers), Policies: ChainPolicies.Of(ruleset));
    }
}
