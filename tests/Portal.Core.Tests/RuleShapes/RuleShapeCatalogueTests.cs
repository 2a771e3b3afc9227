using Portal.Contracts.Intents;
using Portal.Contracts.Model;
using Portal.Contracts.Plans;
using Portal.Core.Iptables;
using Portal.Core.Ownership;
using Portal.Core.Plans;
using Portal.Core.RuleShapes;
using Portal.Core.Tests.Support;
using P = Portal.Core.RuleShapes.Placeholder;

namespace Portal.Core.Tests.RuleShapes;

public sealed class RuleShapeCatalogueTests
{
    // A default bridge with web (publishes 8080->80/tcp on every address and 127.0.0.1:9090->80/tcp) and client,
    // which links web as "web": every placeholder below names something this host has.
    private static readonly Bridge Docker0 = new("docker0", "bridge", "id", "172.17.0.0/16", "172.17.0.1", false, true, 1500, []);

    private static readonly Container Web = new(
        "w", "/web", "img", "running", "w",
        [new Endpoint("bridge", "172.17.0.2", null, [])],
        [new PortBinding(80, "tcp", "0.0.0.0", 8080), new PortBinding(80, "tcp", "127.0.0.1", 9090)],
        ["80/tcp"], [], [], []);

    private static readonly Container Client = new(
        "c", "/client", "img", "running", "c",
        [new Endpoint("bridge", "172.17.0.3", null, [])],
        [], [], [new ContainerLink("web", "web")], [], []);

    private static readonly Dictionary<string, string> Values = new(StringComparer.Ordinal)
    {
        [P.Bridge] = "docker0",
        [P.Subnet] = "172.17.0.0/16",
        [P.ContainerIp] = "172.17.0.2",
        [P.ParentIp] = "172.17.0.3",
        [P.ChildIp] = "172.17.0.2",
        [P.Proto] = "tcp",
        [P.Port] = "80",
        [P.HostIp] = "127.0.0.1",
        [P.HostPort] = "8080",
    };

    public static TheoryData<string> DockerShapes() => [.. RuleShapeCatalogue.Docker.SelectMany(d => d.All).Select(s => s.Name)];

    [Theory]
    [MemberData(nameof(DockerShapes))]
    public void Render_EveryDockerShape_ParsesBackToTheSameShapeAndBindings(string name)
    {
        var shape = Shape(name);
        var values = ValuesFor(shape);

        var text = shape.Render(values);
        var match = RuleShapeCatalogue.Match(shape.Table, text);

        Assert.StartsWith($"-A {shape.Chain}", text, StringComparison.Ordinal);
        Assert.Equal(shape, match?.Shape);
        Assert.Equal(values.OrderBy(v => v.Key, StringComparer.Ordinal), match!.Bindings.OrderBy(v => v.Key, StringComparer.Ordinal));
        Assert.True(match.HasValidValues);
        Assert.True(match.RendersAs(text));
    }

    [Theory]
    [MemberData(nameof(DockerShapes))]
    public void Render_EveryDockerShape_IsOwnedByTheOwnerTheShapeImplies(string name)
    {
        var shape = Shape(name);
        var rule = RulesetParser.ParseRule(shape.Table, shape.Render(ValuesFor(shape)));

        var owner = RuleOwnership.Owner(rule, [Docker0], [Web, Client]);

        RuleOwner expected = shape.Resolver switch
        {
            OwnerResolver.Bridge => new(shape.Kind, Network: "bridge"),
            OwnerResolver.PublishedPortDnat or OwnerResolver.PublishedPortContainer => new(RuleOwnerKind.Port, "web", "8080/tcp", "bridge"),
            OwnerResolver.LinkRequest or OwnerResolver.LinkReply => new(RuleOwnerKind.Link, Source: "client", Target: "web", Alias: "web", Port: "80/tcp"),
            _ => new(shape.Kind),
        };
        Assert.Equal(expected, owner);
    }

    [Theory]
    [InlineData("01-daemon-start.txt")]
    [InlineData("02-published-port.txt")]
    [InlineData("03-link.txt")]
    [InlineData("04-user-network.txt")]
    [InlineData("05-stale-link.txt")]
    public void Match_EveryRuleDockerWroteInTheLab_IsADocker2010ShapeThatRendersItByteForByte(string stage)
    {
        foreach (var rule in RulesetParser.Parse(Captures.Fixture(stage)).AllRules)
        {
            var match = RuleShapeCatalogue.Match(rule.Table, rule.Text);

            Assert.True(match is not null, $"no shape for {rule.Table} {rule.Text}");
            Assert.Equal([Docker2010Shapes.Version], match.Shape.Versions);
            Assert.True(match.HasValidValues, rule.Text);
            Assert.Equal(rule.Text, match.Shape.Render(match.Bindings));
        }
    }

    [Fact]
    public void PlannedDockerRules_FixtureContainers_AreTheLinesDockerWrote()
    {
        // 03-link.txt: fix-web 172.17.0.2 (-p 8080:80), fix-admin 172.17.0.3 (-p 127.0.0.1:9090:80), fix-client 172.17.0.4 --link fix-web:web.
        var captured = Captures.FixtureLines("03-link.txt");

        var rules = PlannedDockerRules.PublishedPort("docker0", "172.17.0.2", new PortBinding(80, "tcp", null, 8080), ChangeKind.Added)
            .Concat(PlannedDockerRules.PublishedPort("docker0", "172.17.0.3", new PortBinding(80, "tcp", "127.0.0.1", 9090), ChangeKind.Added))
            .Concat(PlannedDockerRules.LinkPair("docker0", "172.17.0.4", "172.17.0.2", 53, "udp", ChangeKind.Added))
            .ToList();

        Assert.Equal(8, rules.Count);
        Assert.All(rules, r => Assert.Contains(r.Text, captured));
        Assert.Equal(
            [("filter", "DOCKER"), ("nat", "POSTROUTING"), ("nat", "DOCKER")],
            rules.Take(3).Select(r => (r.Table, r.Chain)));
    }

    [Fact]
    public void PlannedDockerRules_FixtureNetwork_AreTheLinesDockerWrote()
    {
        // 04-user-network.txt: fix-appnet, --subnet 172.30.0.0/24, ICC off, masquerade on.
        var captured = Captures.FixtureLines("04-user-network.txt");
        var bridge = InspectModel.Bridges(Captures.Fixture("inspect-network-fix-appnet.json")).Single().Name;

        var rules = PlannedDockerRules.BridgeNetwork(bridge, "172.30.0.0/24", icc: false, masquerade: true, ChangeKind.Added);

        Assert.Equal(8, rules.Count);
        Assert.All(rules, r => Assert.Contains(r.Text, captured));
    }

    [Theory]
    [InlineData(true, true)]
    [InlineData(false, false)]
    public void NetworkPlanner_Create_PlansTheNetworksShapesWithStandIns(bool icc, bool masquerade)
    {
        var change = NetworkPlanner.Create(new NetworkRequest("net1", null, null, icc, masquerade), Planning.SampleHost.State());

        string[] expected =
        [
            "-A FORWARD -o br-<id> -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT",
            "-A FORWARD -o br-<id> -j DOCKER",
            "-A FORWARD -i br-<id> ! -o br-<id> -j ACCEPT",
            $"-A FORWARD -i br-<id> -o br-<id> -j {(icc ? "ACCEPT" : "DROP")}",
            "-A DOCKER-ISOLATION-STAGE-1 -i br-<id> ! -o br-<id> -j DOCKER-ISOLATION-STAGE-2",
            "-A DOCKER-ISOLATION-STAGE-2 -o br-<id> -j DROP",
            "-A DOCKER -i br-<id> -j RETURN",
            .. masquerade ? ["-A POSTROUTING -s <subnet> ! -o br-<id> -j MASQUERADE"] : Array.Empty<string>(),
        ];
        Assert.Equal(expected, change.Plan!.Rules.Select(r => r.Text));
        Assert.All(change.Plan.Rules, r => Assert.Equal(r.Chain, r.Text.Split(' ')[1]));
    }

    [Fact]
    public void Catalogue_ShapeNames_AreUniqueAndEveryDockerShapeNamesItsVersion()
    {
        Assert.Equal(RuleShapeCatalogue.All.Count, RuleShapeCatalogue.All.Select(s => s.Name).Distinct(StringComparer.Ordinal).Count());
        foreach (var set in RuleShapeCatalogue.Docker)
        {
            Assert.All(set.All, s => Assert.Contains(set.Version, s.Versions));
            Assert.All(set.PublishedPort.Concat(set.PublishedPortOnHostIp).Concat(set.LinkPair), s => Assert.Contains(s, set.All));
        }

        Assert.All(RuleShapeCatalogue.Portal.Concat(RuleShapeCatalogue.Fallback), s => Assert.Empty(s.Versions));
    }

    [Fact]
    public void Render_MissingOrSpacedValueOrFamilyShape_Throws()
    {
        var values = new Dictionary<string, string>(Values, StringComparer.Ordinal);
        values.Remove(P.HostPort);

        Assert.Contains("{hostPort}", Assert.Throws<ArgumentException>(() => Docker2010Shapes.PortDnat.Render(values)).Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => Docker2010Shapes.PortDnat.Render(new Dictionary<string, string>(Values) { [P.Bridge] = "docker0 -j ACCEPT" }));
        Assert.Throws<InvalidOperationException>(() => RuleShapeCatalogue.Fallback[0].Render(Values));
    }

    [Theory]
    [InlineData("-A DOCKER -s 172.17.0.3/32 -d 172.17.0.2/32 -i docker0 -o docker0 -p tcp -m tcp --dport 80 -j ACCEPT", true, true)]
    [InlineData("-A DOCKER -s 172.17.0.3/32 -d 172.17.0.2/32 -i docker0 -o docker0 -p icmp -m icmp --dport 80 -j ACCEPT", false, true)]
    [InlineData("-A DOCKER -s 172.17.0.3/32 -d 172.17.0.2/32 -i docker0 -o docker0 -p tcp -m tcp --dport 99999 -j ACCEPT", false, true)]
    [InlineData("-A DOCKER -s 172.17.0.3/32 -d 172.17.0.2/32 -i \"docker0\" -o docker0 -p tcp -m tcp --dport 80 -j ACCEPT", true, false)]
    public void Match_LinkRuleText_SaysWhetherValuesAreWellFormedAndWrittenAsIptablesSavePrintsThem(string rule, bool valid, bool canonical)
    {
        var match = RuleShapeCatalogue.Match("filter", rule);

        Assert.True(match is { IsLink: true });
        Assert.Equal((valid, canonical), (match.HasValidValues, match.RendersAs(rule)));
    }

    [Theory]
    [InlineData("nat", "-A DOCKER -d 172.17.0.3/32 -j ACCEPT")]
    [InlineData("filter", "-A DOCKER ! -i docker0 -p tcp -m tcp --dport 9090 -j DNAT --to-destination 172.17.0.5:8000")]
    [InlineData("filter", "-A DOCKER -s 1.2.3.4/32 -j ACCEPT\n-A DOCKER -j DROP")]
    [InlineData("filter", "not a rule")]
    [InlineData("filter", "-A DOCKER -s 172.17.0.3/32  -d 172.17.0.2/32 -i docker0 -o docker0 -p tcp -m tcp --dport 80 -j ACCEPT")]
    public void Match_NoShapeOfThatTable_IsNull(string table, string rule) =>
        Assert.Null(RuleShapeCatalogue.Match(table, rule));

    private static RuleShape Shape(string name) => RuleShapeCatalogue.All.Single(s => s.Name == name);

    private static Dictionary<string, string> ValuesFor(RuleShape shape) =>
        Values.Where(v => shape.Template.Contains("{" + v.Key + "}", StringComparison.Ordinal)).ToDictionary(StringComparer.Ordinal);
}
