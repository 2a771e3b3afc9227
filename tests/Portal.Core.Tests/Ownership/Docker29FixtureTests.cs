using Portal.Contracts.Model;
using Portal.Contracts.Wire;
using Portal.Core.Iptables;
using Portal.Core.Ownership;
using Portal.Core.RuleShapes;
using Portal.Core.Tests.Support;
using S = Portal.Core.Tests.Support.IptablerScenario;

namespace Portal.Core.Tests.Ownership;

/// <summary>
/// Issue 11 item 1 on Docker 29's own golden dumps (Fixtures/docker29-iptabler: every bridge option, IPv4 and IPv6):
/// every rule is owned, by the network or container the scenario has, never unknown or stale, and published-port rules
/// name the container and its host port.
/// </summary>
public sealed class Docker29FixtureTests
{
    private const string Docker29 = "29.1.1";

    public static TheoryData<string> Files() => [.. S.Files()];

    [Fact]
    public void Fixtures_AreAllThere() => Assert.Equal(284, S.Files().Count());

    [Theory]
    [MemberData(nameof(Files))]
    public void Resolve_EveryRuleOfTheDump_IsOwnedByTheScenariosNetworkOrContainer(string file)
    {
        var scenario = S.Of(file);
        var ruleset = RulesetParser.Parse(scenario.Text);

        var rules = RuleOwnership.Resolve(ruleset, scenario.Bridges, scenario.Containers, RuleShapeCatalogue.ForDockerVersion(Docker29));

        Assert.Equal(ruleset.AllRules.Count(), rules.Count);
        foreach (var rule in rules)
        {
            var owner = rule.Owner;
            var about = $"{rule.Table} {rule.Text} -> {WireName.Of(owner.Kind)}";
            Assert.True(owner.Kind != RuleOwnerKind.Unknown, about);
            Assert.True(owner.Role is null, about);
            if (IsAboutTheContainer(rule))
            {
                var expected = rule.Table == "raw" && !rule.Text.Contains("--dport", StringComparison.Ordinal)
                    ? new RuleOwner(RuleOwnerKind.DirectAccess, S.Container, Network: S.Network)
                    : new RuleOwner(RuleOwnerKind.Port, S.Container, "8080/tcp", S.Network);
                Assert.Equal(expected, owner);
            }
            else if (rule.Text.Contains(S.BridgeName, StringComparison.Ordinal))
            {
                Assert.Equal(S.Network, owner.Network);
                Assert.Contains(WireName.Of(owner.Kind), new[] { "forward", "icc", "isolation", "masquerade", "docker" });
            }
            else
            {
                Assert.True(owner == new RuleOwner(RuleOwnerKind.Docker), about);
            }
        }
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void Match_EveryRuleOfTheDump_IsA29ShapeThatRendersItByteForByte(string file)
    {
        foreach (var rule in RulesetParser.Parse(S.Of(file).Text).AllRules)
        {
            var match = RuleShapeCatalogue.Match(rule, RuleShapeCatalogue.ForDockerVersion(Docker29));

            Assert.True(match is not null, $"no shape for {rule.Table} {rule.Text}");
            Assert.Contains(Docker29Shapes.Version, match.Shape.Versions);
            Assert.True(match.HasValidValues, rule.Text);
            Assert.Equal(rule.Text, match.Shape.Render(match.Bindings));
        }
    }

    [Fact]
    public void Resolve_VersionUnknown_OwnsEveryDumpAsThe29SetDoes()
    {
        foreach (var file in S.Files())
        {
            var scenario = S.Of(file);
            var ruleset = RulesetParser.Parse(scenario.Text);

            Assert.Equal(
                RuleOwnership.Resolve(ruleset, scenario.Bridges, scenario.Containers, RuleShapeCatalogue.ForDockerVersion(Docker29)),
                RuleOwnership.Resolve(ruleset, scenario.Bridges, scenario.Containers, RuleShapeCatalogue.ForDockerVersion(null)));
        }
    }

    [Fact]
    public void Resolve_Under2010sShapes_LeavesDocker29sOwnRulesUnknown()
    {
        // The set follows the host's version: a 20.10 host does not take 29's chains for Docker's.
        var scenario = S.Of("hairpin=false,internal=false,icc=false,masq=true,snat=false,gwm=nat,bindlh=true__iptables.golden");
        var rules = RuleOwnership.Resolve(RulesetParser.Parse(scenario.Text), scenario.Bridges, scenario.Containers, RuleShapeCatalogue.ForDockerVersion("20.10.24"));

        Assert.Contains(rules, r => r.Text == "-A FORWARD -j DOCKER-FORWARD" && r.Owner.Kind == RuleOwnerKind.Unknown);
        Assert.Contains(rules, r => r.Table == "raw" && r.Owner.Kind == RuleOwnerKind.Unknown);
        Assert.Contains(rules, r => r.Text.StartsWith("-A DOCKER -d 127.0.0.1/32 ! -i br-dummy -p tcp", StringComparison.Ordinal) && r.Owner == new RuleOwner(RuleOwnerKind.Port, S.Container, "8080/tcp", S.Network));
    }

    private static bool IsAboutTheContainer(Rule rule) =>
        rule.Text.Contains(S.ContainerIpv4 + "/", StringComparison.Ordinal)
        || rule.Text.Contains(S.ContainerIpv4 + ":", StringComparison.Ordinal)
        || rule.Text.Contains(S.ContainerIpv6 + "/", StringComparison.Ordinal)
        || rule.Text.Contains(S.ContainerIpv6 + "]", StringComparison.Ordinal)
        || rule.Text.Contains("--dport 8080 ", StringComparison.Ordinal);
}
