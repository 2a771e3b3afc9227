using Portal.Contracts.Model;
using Portal.Core.Iptables;
using Portal.Core.State;
using Portal.Core.Tests.Support;

namespace Portal.Core.Tests.Reachability;

/// <summary>The built-in chains' policies travel in the snapshot and, when any changed, in a delta; the fold keeps them.</summary>
public sealed class ChainPolicyFoldTests
{
    [Fact]
    public void Of_Capture_EveryBuiltInChainWithItsPolicy()
    {
        var policies = ChainPolicies.Of(RulesetParser.Parse(Captures.Fixture("05-stale-link.txt")));

        Assert.Equal(
            ["filter INPUT ACCEPT", "filter FORWARD DROP", "filter OUTPUT ACCEPT", "nat PREROUTING ACCEPT", "nat INPUT ACCEPT", "nat OUTPUT ACCEPT", "nat POSTROUTING ACCEPT"],
            policies.Select(p => $"{p.Table} {p.Chain} {p.Policy}"));
    }

    [Fact]
    public void DeltaTo_PolicyChanged_CarriesThePoliciesAndApplyFoldsThem()
    {
        var before = HostSnapshot.Empty("h") with { Sequence = 1, Policies = [new ChainPolicy("filter", "FORWARD", "DROP")] };
        var after = before with { Policies = [new ChainPolicy("filter", "FORWARD", "ACCEPT")] };

        var delta = before.DeltaTo(after, 2);

        Assert.NotNull(delta);
        Assert.Equal("ACCEPT", Assert.Single(delta.Policies!).Policy);
        Assert.Equal("ACCEPT", Assert.Single(before.Apply(delta).Policies!).Policy);
        Assert.Null(before.DeltaTo(before with { Policies = [new ChainPolicy("filter", "FORWARD", "DROP")] }, 2));
    }

    [Fact]
    public void Apply_DeltaWithoutPolicies_KeepsThem()
    {
        var before = HostSnapshot.Empty("h") with { Sequence = 1, Policies = [new ChainPolicy("filter", "FORWARD", "DROP")] };

        var after = before.Apply(new HostDelta("h", 2, DateTimeOffset.UnixEpoch, DockerVersion: "20.10.24"));

        Assert.Equal("DROP", Assert.Single(after.Policies!).Policy);
        Assert.Equal("ACCEPT", Assert.Single(new HostDelta("h", 2, DateTimeOffset.UnixEpoch, Policies: [new ChainPolicy("filter", "FORWARD", "ACCEPT")])
            .Then(new HostDelta("h", 3, DateTimeOffset.UnixEpoch)).Policies!).Policy);
    }
}
