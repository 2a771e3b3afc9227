using Portal.Client.Formatting;
using Portal.Client.Tests.Fakes;
using Portal.Contracts.Model;

namespace Portal.Client.Tests.Formatting;

public sealed class RuleChainsTests
{
    [Fact]
    public void Group_BuiltInChainsFirstThenByName_RulesInIndexOrder()
    {
        IReadOnlyList<Rule> rules =
        [
            .. ClassicPicture.Docker1Rules,
            new Rule("filter", "DOCKER-ISOLATION-STAGE-1", 1, "-A DOCKER-ISOLATION-STAGE-1 -j RETURN", RuleOwner.Unknown),
            new Rule("filter", "FORWARD", 2, "-A FORWARD -j DOCKER-ISOLATION-STAGE-1", RuleOwner.Unknown),
        ];

        var chains = RuleChains.Group(rules, "filter");

        Assert.Equal(["FORWARD", "DOCKER", "DOCKER-ISOLATION-STAGE-1", "DOCKER-USER"], chains.Select(c => c.Key));
        Assert.Equal([1, 2, 6], chains[0].Select(r => r.Index));
    }
}
