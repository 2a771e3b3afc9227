using Portal.Contracts.Model;
using Portal.Core.Iptables;
using Portal.Core.Nftables;
using Portal.Core.Ownership;
using Portal.Core.Tests.Support;

namespace Portal.Core.Tests.Nftables;

/// <summary>
/// Docker 29's nftables backend, on a handwritten <c>nft -j list ruleset</c> (Samples/docker29-nft-ruleset.README.md):
/// the rules read back as moby's document prints them, and are owned where the layout is known.
/// </summary>
public sealed class NftRulesetTests
{
    private static readonly Bridge Docker0 = new("docker0", "bridge", "id-bridge", "172.17.0.0/16", "172.17.0.1", true, true, 1500, []);
    private static readonly Bridge Bridge1 = new("bridge1", "bridge1", "id-bridge1", "192.0.2.0/24", "192.0.2.1", true, true, 1500, []);

    private static readonly Container C1 = new(
        "id-c1", "c1", "busybox", "running", "c1host",
        [new Endpoint("bridge1", "192.0.2.2", "02:42:c0:00:02:02", [], "192.0.2.1")],
        [new PortBinding(80, "tcp", "0.0.0.0", 8080)], ["80/tcp"], [], [], []);

    [Fact]
    public void Parse_Docker29Layout_RulesReadAsNftListsThem()
    {
        var ruleset = NftJsonParser.Parse(Captures.Read("docker29-nft-ruleset.json"));

        Assert.True(ruleset.HoldsDocker);
        var docker = ruleset.Tables.Single(t => t.Name == "docker-bridges");
        var forward = docker.Chains.Single(c => c.Name == "filter-FORWARD");
        Assert.Equal(("forward", "accept"), (forward.Hook, forward.Policy));
        Assert.Equal(["oifname vmap @filter-forward-in-jumps", "iifname vmap @filter-forward-out-jumps"], forward.Rules.Select(r => r.Text));
        // The lines of moby's nftablesdoc (usernet-portmap.md), word for word.
        Assert.Equal(
            [
                "ct state established,related counter accept",
                "iifname \"bridge1\" counter accept comment \"ICC\"",
                "ip daddr 192.0.2.2 tcp dport 80 counter accept",
                "counter drop comment \"UNPUBLISHED PORT DROP\"",
            ],
            docker.Chains.Single(c => c.Name == "filter-forward-in__bridge1").Rules.Select(r => r.Text));
        Assert.Equal(
            ["iifname != \"bridge1\" tcp dport 8080 counter dnat to 192.0.2.2:80 comment \"DNAT\""],
            docker.Chains.Single(c => c.Name == "nat-prerouting-and-output").Rules.Select(r => r.Text));
        Assert.Equal(
            ["ip daddr != 127.0.0.0/8 fib daddr type local counter jump nat-prerouting-and-output"],
            docker.Chains.Single(c => c.Name == "nat-OUTPUT").Rules.Select(r => r.Text));
        Assert.Equal(
            ["oifname != \"bridge1\" ip saddr 192.0.2.0/24 counter masquerade comment \"MASQUERADE\""],
            docker.Chains.Single(c => c.Name == "nat-postrouting-out__bridge1").Rules.Select(r => r.Text));
    }

    [Fact]
    public void Resolve_Docker29Layout_OwnedWhereTheLayoutIsKnown()
    {
        var ruleset = RulesetParser.Parse(NftSaveText.Render(NftJsonParser.Parse(Captures.Read("docker29-nft-ruleset.json"))));

        var rules = RuleOwnership.Resolve(ruleset, [Docker0, Bridge1], [C1]);

        var c1 = new RuleOwner(RuleOwnerKind.Port, "c1", "8080/tcp", "bridge1");
        Assert.Equal(c1, Owner(rules, "nat-prerouting-and-output", "dnat to 192.0.2.2:80"));
        Assert.Equal(c1, Owner(rules, "filter-forward-in__bridge1", "ip daddr 192.0.2.2 tcp dport 80"));
        Assert.Equal(new RuleOwner(RuleOwnerKind.Docker, Container: "c1", Network: "bridge1"), Owner(rules, "raw-PREROUTING", "DROP DIRECT ACCESS"));
        Assert.Equal(new RuleOwner(RuleOwnerKind.Icc, Network: "bridge1"), Owner(rules, "filter-forward-in__bridge1", "ICC"));
        Assert.Equal(new RuleOwner(RuleOwnerKind.Icc, Network: "bridge"), Owner(rules, "filter-forward-in__docker0", "ICC"));
        Assert.Equal(new RuleOwner(RuleOwnerKind.Masquerade, Network: "bridge"), Owner(rules, "nat-postrouting-out__docker0", "MASQUERADE"));
        Assert.Equal(new RuleOwner(RuleOwnerKind.Forward, Network: "bridge1"), Owner(rules, "filter-forward-out__bridge1", "OUTGOING"));
        Assert.Equal(new RuleOwner(RuleOwnerKind.Docker), Owner(rules, "filter-FORWARD", "oifname vmap"));
        Assert.All(rules.Where(r => r.Table == "docker-bridges"), r => Assert.NotEqual(RuleOwnerKind.Unknown, r.Owner.Kind));
        // The host's own table: shown, owned by nobody the portal knows.
        Assert.Equal(RuleOwner.Unknown, Assert.Single(rules, r => r.Table == "inet filter").Owner);
        Assert.Equal("-A input tcp dport 22 accept", rules.Single(r => r.Table == "inet filter").Text);
    }

    private static RuleOwner Owner(IReadOnlyList<Rule> rules, string chain, string part) =>
        rules.Single(r => r.Chain == chain && r.Text.Contains(part, StringComparison.Ordinal)).Owner;
}
