using Portal.Contracts.Model;
using Portal.Contracts.Wire;
using Portal.Core.Iptables;
using Portal.Core.Ownership;
using Portal.Core.Tests.Support;

namespace Portal.Core.Tests.Ownership;

/// <summary>Ownership, diff and link semantics against the lab helper's scenario captures (Fixtures/README.md).</summary>
public sealed class FixtureOwnershipTests
{
    private static readonly string[] Names = ["fix-web", "fix-admin", "fix-client", "fix-filler", "fix-db", "fix-api"];

    [Fact]
    public void Resolve_StaleLinkStage_OwnsEveryRuleOfTheScenario()
    {
        var bridges = Bridges();
        var appnetBridge = bridges.Single(b => b.Network == "fix-appnet").Name;
        var ruleset = RulesetParser.Parse(Captures.Fixture("05-stale-link.txt"));

        var rules = RuleOwnership.Resolve(ruleset, bridges, Containers());

        RuleOwner Bridge(string kind) => new(WireName.Parse<RuleOwnerKind>(kind), Network: "bridge");
        RuleOwner Appnet(string kind) => new(WireName.Parse<RuleOwnerKind>(kind), Network: "fix-appnet");
        RuleOwner StaleLink(string port) => new(RuleOwnerKind.Link, Source: "fix-client", Target: "fix-web", Alias: "web", Port: port, Role: "stale");
        var docker = new RuleOwner(RuleOwnerKind.Docker);
        Assert.Equal(
            [
                docker, docker, Appnet("forward"), Appnet("forward"), Appnet("forward"),
                Bridge("forward"), Bridge("forward"), Bridge("forward"), Bridge("icc"), Appnet("icc"),
                new RuleOwner(RuleOwnerKind.Port, "fix-admin", "9090/tcp", "bridge"),
                StaleLink("80/tcp"), StaleLink("80/tcp"), StaleLink("53/udp"), StaleLink("53/udp"),
                StaleLink("9002/tcp"), StaleLink("9002/tcp"), StaleLink("9001/tcp"), StaleLink("9001/tcp"),
                StaleLink("9000/tcp"), StaleLink("9000/tcp"),
                new RuleOwner(RuleOwnerKind.Port, "fix-api", "8081/tcp", "fix-appnet"),
                new RuleOwner(RuleOwnerKind.Port, "fix-web", "8080/tcp", "bridge"),
                new RuleOwner(RuleOwnerKind.Port, "fix-web", "5353/udp", "bridge"),
                Appnet("isolation"), Bridge("isolation"), docker, Appnet("isolation"), Bridge("isolation"), docker,
                docker,
                docker, docker, Appnet("masquerade"), Bridge("masquerade"),
                new RuleOwner(RuleOwnerKind.Port, "fix-admin", "9090/tcp", "bridge"),
                new RuleOwner(RuleOwnerKind.Port, "fix-api", "8081/tcp", "fix-appnet"),
                new RuleOwner(RuleOwnerKind.Port, "fix-web", "8080/tcp", "bridge"),
                new RuleOwner(RuleOwnerKind.Port, "fix-web", "5353/udp", "bridge"),
                new RuleOwner(RuleOwnerKind.Docker, Network: "fix-appnet"), new RuleOwner(RuleOwnerKind.Docker, Network: "bridge"),
                new RuleOwner(RuleOwnerKind.Port, "fix-admin", "9090/tcp", "bridge"),
                new RuleOwner(RuleOwnerKind.Port, "fix-api", "8081/tcp", "fix-appnet"),
                new RuleOwner(RuleOwnerKind.Port, "fix-web", "8080/tcp", "bridge"),
                new RuleOwner(RuleOwnerKind.Port, "fix-web", "5353/udp", "bridge"),
            ],
            rules.Select(r => r.Owner));
        Assert.Contains(rules, r => r.Text.Contains(appnetBridge, StringComparison.Ordinal));
    }

    [Fact]
    public void Resolve_EveryStage_LeavesNoDockerRuleUnknown()
    {
        foreach (var stage in new[] { "01-daemon-start.txt", "02-published-port.txt", "03-link.txt", "03-link-counters.txt", "04-user-network.txt", "05-stale-link.txt" })
        {
            var rules = RuleOwnership.Resolve(RulesetParser.Parse(Captures.Fixture(stage)), Bridges(), Containers());

            // Every rule there was written by Docker (README: nothing else ran on that host).
            Assert.DoesNotContain(rules, r => WireName.Of(r.Owner.Kind) == "unknown");
        }
    }

    [Fact]
    public void Diff_WebRestartedIntoNewAddress_MovesItsPortRulesAndLeavesTheLinkRules()
    {
        var before = RulesetParser.Parse(Captures.Fixture("04-user-network.txt"));
        var after = RulesetParser.Parse(Captures.Fixture("05-stale-link.txt"));

        var diffs = RulesetDiffer.Diff(before, after);

        Assert.Equal(6, diffs.Count(d => d.Change == ChangeKind.Removed));
        Assert.Equal(6, diffs.Count(d => d.Change == ChangeKind.Added));
        Assert.All(diffs.Where(d => d.Change == ChangeKind.Removed), d => Assert.Contains("172.17.0.2", d.Text, StringComparison.Ordinal));
        Assert.All(diffs.Where(d => d.Change == ChangeKind.Added), d => Assert.Contains("172.17.0.5", d.Text, StringComparison.Ordinal));
        Assert.DoesNotContain(diffs, d => d.Text.Contains("-s 172.17.0.4/32", StringComparison.Ordinal));
    }

    [Fact]
    public void Parse_LinkCounters_CarryTheOneConnection()
    {
        var ruleset = RulesetParser.Parse(Captures.Fixture("03-link-counters.txt"));

        var rule = ruleset.AllRules.Single(r => r.Text.StartsWith("-A DOCKER -s ", StringComparison.Ordinal) && r.Text.Contains("--dport 80 ", StringComparison.Ordinal));
        Assert.Equal(new PacketCounters(1, 60), rule.Counters);
        Assert.Empty(RulesetDiffer.Diff(RulesetParser.Parse(Captures.Fixture("03-link.txt")), ruleset));
    }

    [Fact]
    public void Variables_FixClientLink_EqualTheCapturedEnv()
    {
        var web = Containers().Single(c => c.Name == "fix-web");
        var expected = Captures.FixtureLines("env-fix-client.txt")
            .Where(l => l.StartsWith("WEB_", StringComparison.Ordinal))
            .ToList();

        var variables = Portal.Core.Links.LinkEnvironment.Variables(
            "fix-client", "web", web.Endpoints.Single().Ipv4!, web.Exposed, web.Env.Select(e => $"{e.Name}={e.Value}").ToList());

        Assert.Equal(expected, variables.Select(v => $"{v.Key}={v.Value}"));
    }

    [Fact]
    public void Line_FixClientLink_EqualsTheCapturedHostsLine()
    {
        var web = Containers().Single(c => c.Name == "fix-web");
        var line = Captures.FixtureLines("hosts-fix-client.txt").Single(l => l.Contains("\tweb ", StringComparison.Ordinal)).Split('\t');

        var entry = Portal.Core.Links.LinkHosts.Line("web", web.Endpoints.Single().Ipv4!, web.Hostname, "/fix-web");

        Assert.Equal(line[0], entry.Address);
        Assert.Equal(line[1].Split(' '), entry.Names);
    }

    private static IReadOnlyList<Bridge> Bridges() =>
        [.. InspectModel.Bridges(Captures.Fixture("inspect-network-bridge.json")), .. InspectModel.Bridges(Captures.Fixture("inspect-network-fix-appnet.json"))];

    private static IReadOnlyList<Container> Containers() =>
        Names.SelectMany(n => InspectModel.Containers(Captures.Fixture($"inspect-container-{n}.json"))).ToList();
}
