using Portal.Contracts.Intents;
using Portal.Contracts.Policies;
using Portal.Core.Plans;
using Portal.Core.PortalRules;
using Portal.Core.Tests.Planning;

namespace Portal.Core.Tests.Policies;

public sealed class PolicyPlannerTests
{
    private static PlannedChange Plan(string network, PolicyRequest request, params IntentSpec[] standing)
    {
        var state = SampleHost.State();
        var intent = PolicyPlanner.Intent(network, request, state);
        var portal = PortalChainChange.Between(standing, intent is null ? standing : [.. standing, intent], state.Snapshot);
        return PolicyPlanner.Plan(network, request, state, portal, standing);
    }

    [Theory]
    [InlineData("enforced", 80, "tcp", "mode")]
    [InlineData(null, 80, "tcp", "mode")]
    [InlineData("enforce", 0, "tcp", "allow[0].port")]
    [InlineData("enforce", 70000, "tcp", "allow[0].port")]
    [InlineData("enforce", 80, "icmp", "allow[0].proto")]
    public void BadField_400NamingIt(string? mode, int port, string proto, string field)
    {
        var change = Plan("bridge", new PolicyRequest(mode, [new PolicyAllow("client", "web", port, proto)]));

        Assert.Equal(400, change.Problem!.Status);
        Assert.True(change.Problem.Errors!.ContainsKey(field), string.Join(", ", change.Problem.Errors.Keys));
        Assert.Empty(change.Commands);
    }

    [Fact]
    public void UnknownNetworkOrContainer_404NamingIt()
    {
        var network = Plan("nowhere", new PolicyRequest("enforce", []));
        var container = Plan("bridge", new PolicyRequest("enforce", [new PolicyAllow("client", "ghost", 80, "tcp")]));

        Assert.Equal((404, true), (network.Problem!.Status, network.Problem.Title.Contains("'nowhere'", StringComparison.Ordinal)));
        Assert.Equal((404, true), (container.Problem!.Status, container.Problem.Title.Contains("'ghost'", StringComparison.Ordinal)));
    }

    [Fact]
    public void ContainerNotOnTheNetwork_400NamingTheEntry()
    {
        var change = Plan("appnet", new PolicyRequest("enforce", [new PolicyAllow("db", "web", 80, "tcp")]));

        Assert.Equal(400, change.Problem!.Status);
        Assert.Contains("allow[0].to", change.Problem.Errors!.Keys);
    }

    [Fact]
    public void Enforce_PlansTheChainRewriteWithItsRules_AndKeepsCanonicalEntries()
    {
        var request = new PolicyRequest("enforce", [new PolicyAllow("client", "web", 80, null), new PolicyAllow("client", "web", 53, "udp", PolicySource.Link)]);

        var change = Plan("docker0", request);
        var intent = PolicyPlanner.Intent("docker0", request, SampleHost.State())!;

        Assert.Null(change.Problem);
        var command = Assert.IsType<Contracts.Commands.ApplyPortalRulesCommand>(Assert.Single(change.Commands));
        Assert.True(command.Rules.Policies![0].Enforce);
        Assert.Contains(change.Plan!.Rules, r => r.Chain == "PORTAL-POLICY" && r.Text.EndsWith("-p tcp -m tcp --dport 80 -j ACCEPT", StringComparison.Ordinal));
        Assert.Contains(change.Plan.Rules, r => r.Chain == "DOCKER-USER");
        Assert.Equal(("bridge", "enforce"), (intent.Network, intent.Mode));
        Assert.Equal([new PolicyAllow("client", "web", 80, "tcp")], intent.Allow);
    }
}
