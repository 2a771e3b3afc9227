using Portal.Contracts.Commands;
using Portal.Contracts.Intents;
using Portal.Contracts.Model;
using Portal.Contracts.Plans;
using Portal.Contracts.PortalRules;
using Portal.Core.Plans;
using Portal.Core.PortalRules;

namespace Portal.Core.Tests.Planning;

public sealed class PlannerTests
{

    [Fact]
    public void Link_OnDefaultBridge_RecreatesSourceWithPredictedEnvHostsAndRules()
    {
        var change = LinkPlanner.Plan(new LinkRequest("client", "web", "web"), SampleHost.State(icc: false), Unchanged(SampleHost.State(icc: false)));

        Assert.Null(change.Problem);
        var recreate = Assert.IsType<RecreateContainerCommand>(Assert.Single(change.Commands));
        Assert.Equal("client", recreate.Container);
        Assert.Equal([new LinkSpec("web", "web")], recreate.AddLinks);
        var plan = change.Plan!;
        Assert.Equal(["client"], plan.Recreated);
        var hosts = Assert.Single(plan.HostsLines);
        Assert.Equal(("client", "172.17.0.2"), (hosts.Container, hosts.Address));
        Assert.Contains("web", hosts.Names);
        Assert.Contains(plan.Env, v => v.Name == "WEB_PORT_80_TCP_ADDR" && v.Value == "172.17.0.2");
        Assert.Contains(plan.Env, v => v.Name == "WEB_NAME" && v.Value == "/client/web");
        Assert.Contains(plan.Env, v => v.Name == "WEB_ENV_GREETING" && v.Value == "hi");
        Assert.DoesNotContain(plan.Env, v => v.Name == "WEB_ENV_PATH");
        Assert.Contains(plan.Rules, r => r.Text == "-A DOCKER -s 172.17.0.3/32 -d 172.17.0.2/32 -i docker0 -o docker0 -p tcp -m tcp --dport 80 -j ACCEPT");
        Assert.Contains(plan.Rules, r => r.Text == "-A DOCKER -s 172.17.0.2/32 -d 172.17.0.3/32 -i docker0 -o docker0 -p udp -m udp --sport 53 -j ACCEPT");
        Assert.Equal(4, plan.Rules.Count);
    }

    [Fact]
    public void Link_WithIccOn_WritesNoDockerPairs()
    {
        var change = LinkPlanner.Plan(new LinkRequest("client", "web", null), SampleHost.State(icc: true), Unchanged(SampleHost.State(icc: true)));

        Assert.Empty(change.Plan!.Rules);
        Assert.Equal("web", Assert.IsType<RecreateContainerCommand>(change.Commands[0]).AddLinks[0].Alias);
    }

    [Fact]
    public void Link_WhenPortalChainChanges_AddsARulesCommandAfterTheRecreate()
    {
        var state = SampleHost.State();
        var portal = PortalChainChange.Between([], [new LinkIntent("client", "web", "web")], state.Snapshot);

        var change = LinkPlanner.Plan(new LinkRequest("client", "web", "web"), state, portal);

        Assert.IsType<RecreateContainerCommand>(change.Commands[0]);
        Assert.Contains(
            "-A PORTAL-ICC -s 172.17.0.3/32 -d 172.17.0.2/32 -i docker0 -o docker0 -p tcp -m tcp --dport 80 -j ACCEPT",
            Assert.IsType<ApplyPortalRulesCommand>(change.Commands[1]).Rules.RuleTexts());
        Assert.Contains(change.Plan!.Rules, r => r.Chain == "DOCKER-USER" && r.Text == PortalRuleSet.JumpRule);
    }

    [Theory]
    [InlineData(null, "web", "web", "source")]
    [InlineData("client", "bad name", "web", "target")]
    [InlineData("client", "web", "-bad", "alias")]
    [InlineData("client", "client", "self", "target")]
    public void Link_BadInput_Is400NamingTheField(string? source, string? target, string? alias, string field)
    {
        var change = LinkPlanner.Plan(new LinkRequest(source, target, alias), SampleHost.State(), Unchanged(SampleHost.State()));

        Assert.Equal(400, change.Problem!.Status);
        Assert.Contains(field, change.Problem.Errors!.Keys);
        Assert.Empty(change.Commands);
    }

    [Fact]
    public void Link_UnknownContainer_Is404NamingIt()
    {
        var change = LinkPlanner.Plan(new LinkRequest("client", "ghost", "g"), SampleHost.State(), Unchanged(SampleHost.State()));

        Assert.Equal(404, change.Problem!.Status);
        Assert.Contains("'ghost'", change.Problem.Title);
    }

    [Fact]
    public void Link_ExistingAlias_Is409()
    {
        var linked = SampleHost.Container("linked", "172.17.0.9", links: [new ContainerLink("web", "web")]);
        var change = LinkPlanner.Plan(new LinkRequest("linked", "db", "web"), SampleHost.State(false, linked), Unchanged(SampleHost.State(false, linked)));

        Assert.Equal(409, change.Problem!.Status);
    }

    [Fact]
    public void Link_OnSharedUserNetwork_ReconnectsKeepingTheFixedAddress()
    {
        var onApp = SampleHost.Container("api", "172.17.0.8", more: [new Endpoint("appnet", "172.30.0.10", null, ["api"], StaticIpv4: "172.30.0.10")]) with
        {
            Endpoints = [new Endpoint("appnet", "172.30.0.10", null, ["api"], StaticIpv4: "172.30.0.10")],
        };
        var db = SampleHost.State().Container("db")! with { Endpoints = [new Endpoint("appnet", "172.30.0.2", null, [])] };
        var state = SampleHost.State(false, onApp);
        var snapshot = state.Snapshot with { Containers = [.. state.Snapshot.Containers.Where(c => c.Name != "db"), db] };

        var change = LinkPlanner.Plan(new LinkRequest("api", "db", "database"), new HostState(snapshot), Unchanged(new HostState(snapshot)));

        var connect = Assert.IsType<ConnectCommand>(Assert.Single(change.Commands));
        Assert.Equal(("appnet", "api", "172.30.0.10"), (connect.Network, connect.Container, connect.Ipv4));
        Assert.Equal([new LinkSpec("db", "database")], connect.Links);
        Assert.Empty(change.Plan!.Recreated);
    }

    [Fact]
    public void Link_NoSharedNetwork_Is409()
    {
        var loner = SampleHost.Container("loner", "x") with { Endpoints = [new Endpoint("appnet", "172.30.0.5", null, [])] };
        var change = LinkPlanner.Plan(new LinkRequest("loner", "web", "web"), SampleHost.State(false, loner), Unchanged(SampleHost.State(false, loner)));

        Assert.Equal(409, change.Problem!.Status);
    }

    [Fact]
    public void Unlink_PredictsRemovalOfWhatTheLinkGave()
    {
        var linked = SampleHost.Container("linked", "172.17.0.9", links: [new ContainerLink("web", "www")]);
        var change = UnlinkPlanner.Plan("linked", "www", SampleHost.State(false, linked), Unchanged(SampleHost.State(false, linked)));

        var recreate = Assert.IsType<RecreateContainerCommand>(Assert.Single(change.Commands));
        Assert.Equal(["www"], recreate.RemoveLinkAliases);
        Assert.All(change.Plan!.Env, v => Assert.Equal(ChangeKind.Removed, v.Change));
        Assert.Contains(change.Plan.Env, v => v.Name == "WWW_PORT");
        Assert.Equal(404, UnlinkPlanner.Plan("linked", "nope", SampleHost.State(false, linked), Unchanged(SampleHost.State(false, linked))).Problem!.Status);
    }

    [Fact]
    public void Publish_PredictsDockersThreeRules()
    {
        var change = PortPlanner.Publish(new PortRequest("client", 80, "tcp", 8081, null), SampleHost.State());

        Assert.Equal(
            [
                "-A DOCKER -d 172.17.0.3/32 ! -i docker0 -o docker0 -p tcp -m tcp --dport 80 -j ACCEPT",
                "-A POSTROUTING -s 172.17.0.3/32 -d 172.17.0.3/32 -p tcp -m tcp --dport 80 -j MASQUERADE",
                "-A DOCKER ! -i docker0 -p tcp -m tcp --dport 8081 -j DNAT --to-destination 172.17.0.3:80",
            ],
            change.Plan!.Rules.Select(r => r.Text));
        Assert.Equal([new PortSpec(80, "tcp", 8081, null)], Assert.IsType<RecreateContainerCommand>(change.Commands[0]).AddPorts);
    }

    [Fact]
    public void Publish_HostIp_GoesIntoTheDnatMatch()
    {
        var change = PortPlanner.Publish(new PortRequest("client", 80, "tcp", 9090, "127.0.0.1"), SampleHost.State());

        Assert.Contains(change.Plan!.Rules, r => r.Text == "-A DOCKER -d 127.0.0.1/32 ! -i docker0 -p tcp -m tcp --dport 9090 -j DNAT --to-destination 172.17.0.3:80");
    }

    [Fact]
    public void Publish_TakenHostPort_Is409NamingTheHolder()
    {
        var change = PortPlanner.Publish(new PortRequest("client", 80, "tcp", 8080, "127.0.0.1"), SampleHost.State());

        Assert.Equal(409, change.Problem!.Status);
        Assert.Contains("'web'", change.Problem.Title);
        Assert.Null(PortPlanner.Publish(new PortRequest("client", 80, "udp", 8080, null), SampleHost.State()).Problem);
    }

    [Theory]
    [InlineData(0, "tcp", 8081, null, "containerPort")]
    [InlineData(80, "tcp", 70000, null, "hostPort")]
    [InlineData(80, "icmp", 8081, null, "protocol")]
    [InlineData(80, "tcp", 8081, "localhost", "hostIp")]
    public void Publish_BadInput_Is400NamingTheField(int containerPort, string protocol, int hostPort, string? hostIp, string field)
    {
        var change = PortPlanner.Publish(new PortRequest("client", containerPort, protocol, hostPort, hostIp), SampleHost.State());

        Assert.Equal(400, change.Problem!.Status);
        Assert.Equal([field], change.Problem.Errors!.Keys);
    }

    [Fact]
    public void Unpublish_RemovesEveryBindingOfThatHostPort()
    {
        var change = PortPlanner.Unpublish("web", 8080, "tcp", SampleHost.State());

        Assert.Equal([new PortSpec(80, "tcp", 8080, "0.0.0.0")], Assert.IsType<RecreateContainerCommand>(change.Commands[0]).RemovePorts);
        Assert.All(change.Plan!.Rules, r => Assert.Equal(ChangeKind.Removed, r.Change));
        Assert.Equal(404, PortPlanner.Unpublish("web", 8081, "tcp", SampleHost.State()).Problem!.Status);
    }

    [Theory]
    [InlineData("net1", "172.30.1.0/24", "172.30.1.1", null)]
    [InlineData("net1", null, null, null)]
    [InlineData("bad name", "172.30.1.0/24", null, "name")]
    [InlineData("net1", "172.30.1.5/24", null, "subnet")]
    [InlineData("net1", "172.30.1.0/24", "172.30.2.1", "gateway")]
    [InlineData("net1", null, "172.30.2.1", "gateway")]
    public void CreateNetwork_Validates(string name, string? subnet, string? gateway, string? badField)
    {
        var change = NetworkPlanner.Create(new NetworkRequest(name, subnet, gateway, false, true), SampleHost.State());

        if (badField is null)
        {
            var command = Assert.IsType<CreateNetworkCommand>(Assert.Single(change.Commands));
            Assert.False(command.Icc);
            Assert.Contains(change.Plan!.Rules, r => r.Text == "-A FORWARD -i br-<id> -o br-<id> -j DROP");
        }
        else
        {
            Assert.Equal(400, change.Problem!.Status);
            Assert.Contains(badField, change.Problem.Errors!.Keys);
        }
    }

    [Fact]
    public void CreateNetwork_OverlapOrExistingName_Is409()
    {
        Assert.Equal(409, NetworkPlanner.Create(new NetworkRequest("other", "172.17.5.0/24", null, null, null), SampleHost.State()).Problem!.Status);
        Assert.Equal(409, NetworkPlanner.Create(new NetworkRequest("appnet", "10.9.0.0/24", null, null, null), SampleHost.State()).Problem!.Status);
    }

    [Fact]
    public void RemoveNetwork_WithContainersOrDefault_Is409()
    {
        Assert.Equal(409, NetworkPlanner.Remove("appnet", SampleHost.State(), Unchanged(SampleHost.State())).Problem!.Status);
        Assert.Equal(409, NetworkPlanner.Remove("bridge", SampleHost.State(), Unchanged(SampleHost.State())).Problem!.Status);
        Assert.Equal(404, NetworkPlanner.Remove("ghost", SampleHost.State(), Unchanged(SampleHost.State())).Problem!.Status);
    }

    [Fact]
    public void Connect_AliasOnDefaultBridge_Is400()
    {
        var change = ConnectionPlanner.Connect("bridge", new ConnectionRequest("db", "d", null), SampleHost.State());

        Assert.Equal(400, change.Problem!.Status);
        Assert.Contains("alias", change.Problem.Errors!.Keys);
    }

    [Theory]
    [InlineData("172.31.0.10", 400)]
    [InlineData("172.30.0.1", 400)]
    [InlineData("172.30.0.2", 409)]
    [InlineData("172.30.0.10", 0)]
    public void Connect_FixedAddress_MustBeFreeAndInside(string ipv4, int status)
    {
        var change = ConnectionPlanner.Connect("appnet", new ConnectionRequest("web", "www", ipv4), SampleHost.State());

        if (status == 0)
        {
            Assert.Equal(new ConnectCommand("appnet", "web", "www", ipv4), Assert.Single(change.Commands));
        }
        else
        {
            Assert.Equal(status, change.Problem!.Status);
        }
    }

    [Fact]
    public void Connect_Twice_Is409AndDisconnectUnknown_Is404()
    {
        Assert.Equal(409, ConnectionPlanner.Connect("appnet", new ConnectionRequest("db", null, null), SampleHost.State()).Problem!.Status);
        Assert.Equal(404, ConnectionPlanner.Disconnect("appnet", "web", SampleHost.State()).Problem!.Status);
        Assert.IsType<DisconnectCommand>(Assert.Single(ConnectionPlanner.Disconnect("appnet", "db", SampleHost.State()).Commands));
    }

    [Fact]
    public void Icc_PlansOnlyThePortalChain()
    {
        var state = SampleHost.State();
        var portal = PortalChainChange.Between([], [new IccIntent("bridge", false)], state.Snapshot);

        var change = IccPlanner.Plan("bridge", new IccRequest(false), state, portal);

        Assert.Equal(
            ["-A PORTAL-ICC -i docker0 -o docker0 -j DROP", "-A PORTAL-ICC -j RETURN"],
            Assert.IsType<ApplyPortalRulesCommand>(Assert.Single(change.Commands)).Rules.RuleTexts());
        Assert.Empty(change.Plan!.Recreated);
        Assert.Contains(change.Plan.Rules, r => r.Change == ChangeKind.Added && r.Text == "-A PORTAL-ICC -i docker0 -o docker0 -j DROP");
        Assert.Contains(change.Plan.Rules, r => r.Chain == "DOCKER-USER");
        Assert.Equal(400, IccPlanner.Plan("bridge", new IccRequest(null), state, portal).Problem!.Status);
    }

    /// <summary>A change that leaves every intent the portal chain depends on as it is (none here).</summary>
    private static PortalChainChange Unchanged(HostState state) => PortalChainChange.Unchanged([], state.Snapshot);
}
