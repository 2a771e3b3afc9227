using Portal.Contracts.Model;
using Portal.Contracts.Wire;
using Portal.Core.Iptables;
using Portal.Core.Ownership;
using Portal.Core.RuleShapes;
using Portal.Core.Tests.Support;

namespace Portal.Core.Tests.Ownership;

public sealed class RuleOwnershipTests
{
    private static readonly RuleOwner Docker = new(RuleOwnerKind.Docker);

    [Fact]
    public void Resolve_LabPortsLinkAndUserNetwork_OwnsEveryRuleAsDockerWroteIt()
    {
        // Lab, dockerd 20.10 --icc=false: core-web (-p 8080:80 -p 5353:53/udp --expose 9000) on the default bridge,
        // core-client --link core-web:web, core-app on core-net (bridge core-br0, icc off, 172.31.250.10, -p 9090:90).
        var rules = Resolve("core-ports");

        RuleOwner Bridge(string kind) => new(WireName.Parse<RuleOwnerKind>(kind), Network: "bridge");
        RuleOwner CoreNet(string kind) => new(WireName.Parse<RuleOwnerKind>(kind), Network: "core-net");
        RuleOwner Link(string port) => new(RuleOwnerKind.Link, Source: "core-client", Target: "core-web", Alias: "web", Port: port);
        Assert.Equal(
            [
                ("filter", "FORWARD", 1, Docker),
                ("filter", "FORWARD", 2, Docker),
                ("filter", "FORWARD", 3, CoreNet("forward")),
                ("filter", "FORWARD", 4, CoreNet("forward")),
                ("filter", "FORWARD", 5, CoreNet("forward")),
                ("filter", "FORWARD", 6, Bridge("forward")),
                ("filter", "FORWARD", 7, Bridge("forward")),
                ("filter", "FORWARD", 8, Bridge("forward")),
                ("filter", "FORWARD", 9, Bridge("icc")),
                ("filter", "FORWARD", 10, CoreNet("icc")),
                ("filter", "DOCKER", 1, new RuleOwner(RuleOwnerKind.Port, "core-web", "8080/tcp", "bridge")),
                ("filter", "DOCKER", 2, new RuleOwner(RuleOwnerKind.Port, "core-web", "5353/udp", "bridge")),
                ("filter", "DOCKER", 3, Link("9000/tcp")),
                ("filter", "DOCKER", 4, Link("9000/tcp")),
                ("filter", "DOCKER", 5, Link("80/tcp")),
                ("filter", "DOCKER", 6, Link("80/tcp")),
                ("filter", "DOCKER", 7, Link("53/udp")),
                ("filter", "DOCKER", 8, Link("53/udp")),
                ("filter", "DOCKER", 9, new RuleOwner(RuleOwnerKind.Port, "core-app", "9090/tcp", "core-net")),
                ("filter", "DOCKER-ISOLATION-STAGE-1", 1, CoreNet("isolation")),
                ("filter", "DOCKER-ISOLATION-STAGE-1", 2, Bridge("isolation")),
                ("filter", "DOCKER-ISOLATION-STAGE-1", 3, Docker),
                ("filter", "DOCKER-ISOLATION-STAGE-2", 1, CoreNet("isolation")),
                ("filter", "DOCKER-ISOLATION-STAGE-2", 2, Bridge("isolation")),
                ("filter", "DOCKER-ISOLATION-STAGE-2", 3, Docker),
                ("filter", "DOCKER-USER", 1, Docker),
                ("nat", "PREROUTING", 1, Docker),
                ("nat", "OUTPUT", 1, Docker),
                ("nat", "POSTROUTING", 1, CoreNet("masquerade")),
                ("nat", "POSTROUTING", 2, Bridge("masquerade")),
                ("nat", "POSTROUTING", 3, new RuleOwner(RuleOwnerKind.Port, "core-web", "8080/tcp", "bridge")),
                ("nat", "POSTROUTING", 4, new RuleOwner(RuleOwnerKind.Port, "core-web", "5353/udp", "bridge")),
                ("nat", "POSTROUTING", 5, new RuleOwner(RuleOwnerKind.Port, "core-app", "9090/tcp", "core-net")),
                ("nat", "DOCKER", 1, new RuleOwner(RuleOwnerKind.Docker, Network: "core-net")),
                ("nat", "DOCKER", 2, new RuleOwner(RuleOwnerKind.Docker, Network: "bridge")),
                ("nat", "DOCKER", 3, new RuleOwner(RuleOwnerKind.Port, "core-web", "8080/tcp", "bridge")),
                ("nat", "DOCKER", 4, new RuleOwner(RuleOwnerKind.Port, "core-web", "5353/udp", "bridge")),
                ("nat", "DOCKER", 5, new RuleOwner(RuleOwnerKind.Port, "core-app", "9090/tcp", "core-net")),
            ],
            rules.Select(r => (r.Table, r.Chain, r.Index, r.Owner)));
    }

    [Fact]
    public void Resolve_ChildMovedToAnotherAddress_LinkRulesAreStaleAndNameTheLinkNotTheNewHolder()
    {
        // Lab: core-web stopped, core-filler (exposing 9000) took 172.17.0.2, core-web restarted on 172.17.0.4.
        // Docker left core-client's link rules pointing at 172.17.0.2 (notes §2).
        var rules = Resolve("core-stale");

        var links = rules.Where(r => r.Table == "filter" && r.Chain == "DOCKER" && r.Text.StartsWith("-A DOCKER -s ", StringComparison.Ordinal)).ToList();
        Assert.Equal(6, links.Count);
        Assert.All(links, r => Assert.Equal(("link", "core-client", "core-web", "web", "stale"), (WireName.Of(r.Owner.Kind), r.Owner.Source, r.Owner.Target, r.Owner.Alias, r.Owner.Role)));
        Assert.Equal(["9000/tcp", "9000/tcp", "80/tcp", "80/tcp", "53/udp", "53/udp"], links.Select(r => r.Owner.Port));
        var dnat = rules.Single(r => r.Text.Contains("--to-destination 172.17.0.4:80", StringComparison.Ordinal));
        Assert.Equal(new RuleOwner(RuleOwnerKind.Port, "core-web", "8080/tcp", "bridge"), dnat.Owner);
    }

    [Fact]
    public void Resolve_LinkWithManyPorts_OwnsEachPairByPort()
    {
        var rules = Resolve(
            RulesetParser.Parse(Captures.Read("core-link-iptables.txt")),
            "core-ports-networks.json",
            InspectModel.Containers(Captures.Read("core-link-inspect.json")));

        var links = rules.Where(r => WireName.Of(r.Owner.Kind) == "link").ToList();
        Assert.Equal(24, links.Count);
        Assert.All(links, r => Assert.Equal(("core-parent", "core-child", "core-db", null), (r.Owner.Source, r.Owner.Target, r.Owner.Alias, r.Owner.Role)));
        Assert.Equal("8001/udp", links.Single(r => r.Text.Contains("-p udp -m udp --dport 8001", StringComparison.Ordinal)).Owner.Port);
    }

    [Fact]
    public void Resolve_DockerUserAndPortalChains_OwnsPortalJumpAndUserRules()
    {
        var rules = RuleOwnership.Resolve(RulesetParser.Parse(Captures.Read("core-handmade.txt")), [], []);

        Assert.Equal(
            ["portal", "docker-user", "docker"],
            rules.Where(r => r.Chain == "DOCKER-USER").Select(r => WireName.Of(r.Owner.Kind)));
        Assert.Equal("portal", WireName.Of(rules.Single(r => r.Chain == "PORTAL-ICC").Owner.Kind));
        Assert.All(rules.Where(r => r.Chain is "INPUT" or "core-user" or "PREROUTING" or "OUTPUT"), r => Assert.Equal(RuleOwner.Unknown, r.Owner));
        Assert.Equal(RuleOwner.Unknown, rules.Single(r => r.Text.Contains("--physdev-is-bridged", StringComparison.Ordinal)).Owner);
        Assert.Equal(RulesetParser.Parse(Captures.Read("core-handmade.txt")).AllRules.Count(), rules.Count);
    }

    [Fact]
    public void Resolve_RulesOfGoneContainersAndBridges_AreStale()
    {
        var ruleset = RulesetParser.Parse(
            "*nat\n:POSTROUTING ACCEPT [0:0]\n:DOCKER - [0:0]\n"
            + "-A POSTROUTING -s 172.18.0.0/16 ! -o br-0123456789ab -j MASQUERADE\n"
            + "-A DOCKER ! -i docker0 -p tcp -m tcp --dport 8080 -j DNAT --to-destination 172.17.0.9:80\nCOMMIT\n");
        var bridges = InspectModel.Bridges(Captures.Read("core-ports-networks.json"));

        var rules = RuleOwnership.Resolve(ruleset, bridges, []);

        Assert.Equal(new RuleOwner(RuleOwnerKind.Masquerade, Role: "stale"), rules[0].Owner);
        Assert.Equal(new RuleOwner(RuleOwnerKind.Port, Port: "8080/tcp", Network: "bridge", Role: "stale"), rules[1].Owner);
    }

    [Fact]
    public void Resolve_UserlandProxyOff_OwnsTheHairpinShapes()
    {
        // dockerd --userland-proxy=false (notes §1): nat OUTPUT without the 127/8 exclusion, DNAT without "! -i",
        // and a MASQUERADE of locally sourced traffic leaving through the bridge.
        var ruleset = RulesetParser.Parse(
            "*nat\n:OUTPUT ACCEPT [0:0]\n:POSTROUTING ACCEPT [0:0]\n:DOCKER - [0:0]\n"
            + "-A OUTPUT -m addrtype --dst-type LOCAL -j DOCKER\n"
            + "-A POSTROUTING -o docker0 -m addrtype --src-type LOCAL -j MASQUERADE\n"
            + "-A DOCKER -p tcp -m tcp --dport 8080 -j DNAT --to-destination 172.17.0.2:80\nCOMMIT\n");
        var bridges = InspectModel.Bridges(Captures.Read("core-ports-networks.json"));
        var containers = InspectModel.Containers(Captures.Read("core-ports-containers.json"));

        var rules = RuleOwnership.Resolve(ruleset, bridges, containers);

        Assert.Equal(
            [Docker, new RuleOwner(RuleOwnerKind.Masquerade, Network: "bridge"), new RuleOwner(RuleOwnerKind.Port, "core-web", "8080/tcp", "bridge")],
            rules.Select(r => r.Owner));
    }

    [Fact]
    public void Resolve_GarbageAndUnknownRules_AreUnknownAndKeptInOrder()
    {
        var ruleset = RulesetParser.Parse("*filter\n:FORWARD DROP [0:0]\nnot a rule\n-A FORWARD -p sctp -j ACCEPT\n-A FORWARD -j DOCKER-USER\nCOMMIT\n");

        var rules = RuleOwnership.Resolve(ruleset, [], []);

        Assert.Equal(
            [("FORWARD", "-A FORWARD -p sctp -j ACCEPT", "unknown"), ("FORWARD", "-A FORWARD -j DOCKER-USER", "docker"), ("", "not a rule", "unknown")],
            rules.Select(r => (r.Chain, r.Text, WireName.Of(r.Owner.Kind))));
    }

    [Fact]
    public void Resolve_ExtraPatternTable_ClaimsANewDockerShape()
    {
        // Docker 28 adds a DOCKER-FORWARD chain; a new line in the table is all it takes.
        var ruleset = RulesetParser.Parse("*filter\n:FORWARD DROP [0:0]\n-A FORWARD -j DOCKER-FORWARD\nCOMMIT\n");
        var patterns = new List<RuleShape>(RuleShapeCatalogue.All) { new("forward-jump-docker-forward", "filter", "FORWARD", "-j DOCKER-FORWARD", RuleOwnerKind.Docker) };

        Assert.Equal("unknown", WireName.Of(RuleOwnership.Resolve(ruleset, [], []).Single().Owner.Kind));
        Assert.Equal("docker", WireName.Of(RuleOwnership.Resolve(ruleset, [], [], patterns).Single().Owner.Kind));
    }

    private static IReadOnlyList<Rule> Resolve(string capture) =>
        Resolve(
            RulesetParser.Parse(Captures.Read($"{capture}-iptables.txt")),
            $"{capture}-networks.json",
            InspectModel.Containers(Captures.Read($"{capture}-containers.json")));

    private static IReadOnlyList<Rule> Resolve(Ruleset ruleset, string networks, IReadOnlyList<Container> containers)
    {
        var rules = RuleOwnership.Resolve(ruleset, InspectModel.Bridges(Captures.Read(networks)), containers);
        Assert.Equal(ruleset.AllRules.Select(r => (r.Table, r.Chain, r.Index, r.Text)), rules.Select(r => (r.Table, r.Chain, r.Index, r.Text)));
        return rules;
    }
}
