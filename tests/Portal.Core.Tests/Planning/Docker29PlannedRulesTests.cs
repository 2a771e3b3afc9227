using Portal.Contracts.Intents;
using Portal.Contracts.Model;
using Portal.Core.Iptables;
using Portal.Core.Plans;
using Portal.Core.RuleShapes;
using Portal.Core.Tests.Support;

namespace Portal.Core.Tests.Planning;

/// <summary>
/// Issue 11 item 7: plans predict the rules of the host's own Docker version. On a 29 host a new network and a
/// published port are Docker 29's rules, line for line those of its golden dumps (Fixtures/docker29-iptabler).
/// </summary>
public sealed class Docker29PlannedRulesTests
{
    [Theory]
    [InlineData(false, true, "hairpin=false,internal=false,icc=false,masq=true,snat=false,gwm=nat,bindlh=false__iptables.golden")]
    [InlineData(true, false, "hairpin=false,internal=false,icc=true,masq=false,snat=false,gwm=nat,bindlh=false__iptables.golden")]
    public void BridgeNetwork_On29_IsEveryBridgeRuleOfTheDump(bool icc, bool masquerade, string file)
    {
        var dump = RulesetParser.Parse(IptablerScenario.Of(file).Text);
        var bridgeRules = dump.AllRules
            .Where(r => r.Text.Contains(IptablerScenario.BridgeName, StringComparison.Ordinal) && r.Table != "raw"
                && !r.Text.Contains(IptablerScenario.ContainerIpv4, StringComparison.Ordinal) && !r.Text.Contains("--dport", StringComparison.Ordinal))
            .Select(r => (r.Table, r.Text))
            .Order();

        var planned = PlannedDockerRules.BridgeNetwork(IptablerScenario.BridgeName, "192.168.0.0/24", icc, masquerade, ChangeKind.Added, RuleShapeCatalogue.PlannedFor("29.1.1"));

        Assert.Equal(bridgeRules, planned.Select(r => (r.Table, r.Text)).Order());
    }

    [Theory]
    [InlineData(null, "hairpin=false,internal=false,icc=false,masq=true,snat=false,gwm=nat,bindlh=false__iptables.golden")]
    [InlineData("127.0.0.1", "hairpin=false,internal=false,icc=false,masq=true,snat=false,gwm=nat,bindlh=true__iptables.golden")]
    public void PublishedPort_On29WithTheProxy_IsInTheDump(string? hostIp, string file)
    {
        var dump = RulesetParser.Parse(IptablerScenario.Of(file).Text).AllRules.Select(r => (r.Table, r.Text)).ToList();

        var planned = PlannedDockerRules.PublishedPort(
            IptablerScenario.BridgeName, IptablerScenario.ContainerIpv4, new PortBinding(80, "tcp", hostIp, 8080), ChangeKind.Added, RuleShapeCatalogue.PlannedFor("29.1.1"));

        Assert.Equal(2, planned.Count);
        Assert.All(planned, r => Assert.Contains((r.Table, r.Text), dump));
    }

    [Fact]
    public void NetworkPlanner_HostReports29_PlansDocker29sChains()
    {
        var state = SampleHost.State();
        var on29 = new HostState(state.Snapshot with { DockerVersion = "29.1.1" });

        var rules = NetworkPlanner.Create(new NetworkRequest("net1", null, null, false, true), on29).Plan!.Rules;

        Assert.Equal(
            ["DOCKER-CT", "DOCKER-BRIDGE", "DOCKER-FORWARD", "DOCKER-FORWARD", "DOCKER", "POSTROUTING"],
            rules.Select(r => r.Chain));
        Assert.DoesNotContain(NetworkPlanner.Create(new NetworkRequest("net1", null, null, false, true), state).Plan!.Rules, r => r.Chain == "DOCKER-FORWARD");
    }
}
