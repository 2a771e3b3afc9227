using System.Text.Json;
using Portal.Contracts.Model;
using Portal.Core.Iptables;
using Portal.Core.Ownership;
using Portal.Core.State;
using Portal.Core.Tests.Support;

namespace Portal.Core.Tests.Ownership;

/// <summary>
/// IPv6 rules of dockerd 20.10 (--ipv6 --fixed-cidr-v6 fd00:3::/64 --ip6tables, --icc=false), captured on the lab's docker3
/// (Samples/docker3-ip6tables-legacy-save.txt): cap6-web (-p 8080:80, fd00:3::242:ac11:2) and cap6-client linked to it.
/// </summary>
public sealed class Ipv6OwnershipTests
{
    private static readonly Bridge Docker0 = new("docker0", "bridge", "id-bridge", "172.17.0.0/16", "172.17.0.1", false, true, 1500, [], "fd00:3::/64");

    private static readonly Container Web = new(
        "id-web", "cap6-web", "busybox", "running", "52a6d7a78923",
        [new Endpoint("bridge", "172.17.0.2", "02:42:ac:11:00:02", [], "172.17.0.1", Ipv6: "fd00:3::242:ac11:2", Ipv6Gateway: "fd00:3::1")],
        [new PortBinding(80, "tcp", "0.0.0.0", 8080)], ["80/tcp"], [], [], []);

    private static readonly Container Client = new(
        "id-client", "cap6-client", "busybox", "running", "62b29d9b6e55",
        [new Endpoint("bridge", "172.17.0.3", "02:42:ac:11:00:03", [], "172.17.0.1", Ipv6: "fd00:3::242:ac11:3", Ipv6Gateway: "fd00:3::1")],
        [], [], [new ContainerLink("/cap6-web", "web")], [], []);

    [Fact]
    public void Resolve_Ip6tablesOfDocker2010_EveryRuleOwnedAndMarkedIpv6()
    {
        var ruleset = RuleFamily.Parse(string.Empty, Captures.Read("docker3-ip6tables-legacy-save.txt"));

        var rules = RuleOwnership.Resolve(ruleset, [Docker0], [Web, Client]);

        Assert.All(rules, r => Assert.True(r.Ipv6, r.Text));
        Assert.All(rules, r => Assert.NotEqual(RuleOwnerKind.Unknown, r.Owner.Kind));
        Assert.Equal(["nat", "filter"], rules.Select(r => r.Table).Distinct());
        var web = new RuleOwner(RuleOwnerKind.Port, "cap6-web", "8080/tcp", "bridge");
        Assert.Equal(web, Owner(rules, "-A DOCKER ! -i docker0 -p tcp -m tcp --dport 8080 -j DNAT --to-destination [fd00:3::242:ac11:2]:80"));
        Assert.Equal(web, Owner(rules, "-A DOCKER -d fd00:3::242:ac11:2/128 ! -i docker0 -o docker0 -p tcp -m tcp --dport 80 -j ACCEPT"));
        Assert.Equal(web, Owner(rules, "-A POSTROUTING -s fd00:3::242:ac11:2/128 -d fd00:3::242:ac11:2/128 -p tcp -m tcp --dport 80 -j MASQUERADE"));
        Assert.Equal(new RuleOwner(RuleOwnerKind.Masquerade, Network: "bridge"), Owner(rules, "-A POSTROUTING -s fd00:3::/64 ! -o docker0 -j MASQUERADE"));
        Assert.Equal(new RuleOwner(RuleOwnerKind.Icc, Network: "bridge"), Owner(rules, "-A FORWARD -i docker0 -o docker0 -j DROP"));
        Assert.Equal(new RuleOwner(RuleOwnerKind.Docker), Owner(rules, "-A OUTPUT ! -d ::1/128 -m addrtype --dst-type LOCAL -j DOCKER"));
    }

    [Fact]
    public void Resolve_BothFamilies_SameChainNamesKeptApart()
    {
        const string ipv4 = "*filter\n:FORWARD DROP [0:0]\n:DOCKER - [0:0]\n-A FORWARD -o docker0 -j DOCKER\nCOMMIT\n";
        var ruleset = RuleFamily.Parse(ipv4, Captures.Read("docker3-ip6tables-legacy-save.txt"));

        var rules = RuleOwnership.Resolve(ruleset, [Docker0], [Web, Client]);

        Assert.Single(rules, r => !r.Ipv6);
        Assert.Equal(("filter", "FORWARD", 1), rules.Where(r => !r.Ipv6).Select(r => (r.Table, r.Chain, r.Index)).Single());
        Assert.Equal(3, rules.Single(r => r.Ipv6 && r.Text == "-A FORWARD -o docker0 -j DOCKER").Index);
    }

    [Fact]
    public void Fold_Ipv6ChainDelta_LeavesTheIpv4ChainOfTheSameName()
    {
        var v4 = new Rule("filter", "DOCKER", 1, "-A DOCKER -d 172.17.0.2/32 ! -i docker0 -o docker0 -p tcp -m tcp --dport 80 -j ACCEPT", RuleOwner.Unknown);
        var v6 = new Rule("filter", "DOCKER", 1, "-A DOCKER -d fd00:3::242:ac11:2/128 ! -i docker0 -o docker0 -p tcp -m tcp --dport 80 -j ACCEPT", RuleOwner.Unknown, Ipv6: true);

        var folded = ChainFold.Apply([v4, v6], [new ChainRules("filter", "DOCKER", [], Ipv6: true)]);
        var diff = SnapshotDiff.ChangedChains([v4, v6], [v4]);

        Assert.Equal([v4], folded);
        Assert.Equal((true, 0), (Assert.Single(diff).Ipv6, diff[0].Rules.Count));
    }

    [Fact]
    public void Json_Ipv4RuleHasNoMarker_OldPayloadReadsAsIpv4()
    {
        var v4 = new Rule("filter", "DOCKER", 1, "-A DOCKER -j RETURN", RuleOwner.Unknown);

        var json = JsonSerializer.Serialize(v4, PortalJson.Options);
        var v6 = JsonSerializer.Serialize(v4 with { Ipv6 = true }, PortalJson.Options);

        Assert.DoesNotContain("ipv6", json, StringComparison.Ordinal);
        Assert.Contains("\"ipv6\":true", v6, StringComparison.Ordinal);
        Assert.False(JsonSerializer.Deserialize<Rule>("""{"table":"filter","chain":"DOCKER","index":1,"text":"-A DOCKER -j RETURN","owner":{"kind":"docker"}}""", PortalJson.Options)!.Ipv6);
        Assert.True(JsonSerializer.Deserialize<Rule>(v6, PortalJson.Options)!.Ipv6);
    }

    private static RuleOwner Owner(IReadOnlyList<Rule> rules, string text) => rules.Single(r => r.Text == text).Owner;
}
