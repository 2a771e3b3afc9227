using Portal.Contracts.Intents;
using Portal.Contracts.Model;
using Portal.Contracts.PortalRules;
using Portal.Core.PortalRules;

namespace Portal.Core.Tests.Planning;

public sealed class PortalRuleSetTests
{
    [Fact]
    public void RuleTexts_LinkPairsBeforeVerdictsThenReturn()
    {
        var set = new PortalRuleSet(
            [new PortalBridgePolicy("docker0", Icc: false)],
            [new PortalLinkPair("docker0", "172.17.0.3", "172.17.0.2", 80, "tcp")]);

        Assert.Equal(
            [
                "-A PORTAL-ICC -s 172.17.0.3/32 -d 172.17.0.2/32 -i docker0 -o docker0 -p tcp -m tcp --dport 80 -j ACCEPT",
                "-A PORTAL-ICC -s 172.17.0.2/32 -d 172.17.0.3/32 -i docker0 -o docker0 -p tcp -m tcp --sport 80 -j ACCEPT",
                "-A PORTAL-ICC -i docker0 -o docker0 -j DROP",
                "-A PORTAL-ICC -j RETURN",
            ],
            set.RuleTexts());
    }

    [Fact]
    public void RestoreInput_DeclaresChainAndInsertsJumpOnlyWhenAsked()
    {
        var set = new PortalRuleSet([new PortalBridgePolicy("br-0123456789ab", Icc: true)], []);

        var withJump = set.ToRestoreInput(insertJump: true);
        var withoutJump = set.ToRestoreInput(insertJump: false);

        Assert.StartsWith("*filter\n:PORTAL-ICC - [0:0]\n", withJump);
        Assert.EndsWith("-I DOCKER-USER 1 -j PORTAL-ICC\nCOMMIT\n", withJump);
        Assert.DoesNotContain("DOCKER-USER", withoutJump);
        Assert.Contains("-A PORTAL-ICC -i br-0123456789ab -o br-0123456789ab -j ACCEPT\n", withoutJump);
    }

    [Theory]
    [InlineData("docker0 -j ACCEPT", "172.17.0.2", 80, "tcp")]
    [InlineData("-o", "172.17.0.2", 80, "tcp")]
    [InlineData("docker0", "172.17.0.2; reboot", 80, "tcp")]
    [InlineData("docker0", "172.17.0.2", 0, "tcp")]
    [InlineData("docker0", "172.17.0.2", 80, "icmp")]
    public void Validate_RefusesAnythingThatIsNotAPlainField(string bridge, string ip, int port, string protocol)
    {
        var set = new PortalRuleSet([], [new PortalLinkPair(bridge, "172.17.0.3", ip, port, protocol)]);

        Assert.False(set.Validate().IsEmpty);
    }

    [Fact]
    public void Derive_FollowsCurrentAddressesAndExposedPortsOnly()
    {
        var state = SampleHost.State();
        var set = PortalChain.Derive(
            [new IccIntent("bridge", false), new IccIntent("nowhere", true), new LinkIntent("client", "web", "web")],
            state.Snapshot);

        Assert.Equal([new PortalBridgePolicy("docker0", false)], set.Bridges);
        Assert.Equal(
            [
                new PortalLinkPair("docker0", "172.17.0.3", "172.17.0.2", 53, "udp"),
                new PortalLinkPair("docker0", "172.17.0.3", "172.17.0.2", 80, "tcp"),
            ],
            set.Links);
    }

    [Fact]
    public void Derive_SkipsLinksToContainersThatAreGone()
    {
        var state = SampleHost.State();
        var set = PortalChain.Derive([new LinkIntent("client", "ghost", "ghost")], state.Snapshot);

        Assert.Empty(set.Links);
        Assert.Equal(["-A PORTAL-ICC -j RETURN"], set.RuleTexts());
    }
}
