using Portal.Client.Live;
using Portal.Client.Tests.Fakes;
using Portal.Contracts.Api;
using Portal.Contracts.Model;

namespace Portal.Client.Tests.Live;

public sealed class HostStateTests
{
    private static readonly DateTimeOffset At = new(2026, 11, 29, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Apply_UpsertAndRemove_FoldsByIdAndKeepsRules()
    {
        var state = ClassicPicture.Docker1State();
        var stopped = ClassicPicture.Web with { State = "exited" };

        var next = state.Apply(new HostChange("docker1", 3, ClassicPicture.Summary("docker1", true, 1),
            Delta: new HostDelta("docker1", 3, At, UpsertedContainers: [stopped], RemovedContainers: ["id-client"])));

        var only = Assert.Single(next.Containers);
        Assert.Equal("exited", only.State);
        Assert.Equal(ClassicPicture.Docker1Rules, next.Rules);
        Assert.Equal(1, next.Summary!.Containers);
        Assert.Equal(3, next.Snapshot.Sequence);
    }

    [Fact]
    public void Apply_ChainDelta_ReplacesOnlyThatChain()
    {
        var state = ClassicPicture.Docker1State();
        var dnat = new Rule("nat", "DOCKER", 1, "-A DOCKER -i docker0 -j RETURN", new RuleOwner(RuleOwnerKind.Docker));

        var next = state.Apply(new HostChange("docker1", 2, ClassicPicture.Summary("docker1", true, 2),
            Delta: new HostDelta("docker1", 2, At, Chains: [new ChainRules("nat", "DOCKER", [dnat])])));

        Assert.Equal([dnat], next.Rules.Where(r => r.Chain == "DOCKER" && r.Table == "nat"));
        Assert.Equal(ClassicPicture.Docker1Rules.Where(r => r.Table != "nat" || r.Chain != "DOCKER"), next.Rules.Where(r => r.Table != "nat" || r.Chain != "DOCKER"));
    }

    [Fact]
    public void Apply_DeltaTheFetchedStateAlreadyHolds_Skipped()
    {
        // Docker1State is at sequence 1: a change numbered 1 arrived while the fetch ran and is already in it.
        var state = ClassicPicture.Docker1State();

        var next = state.Apply(new HostChange("docker1", 1, ClassicPicture.Summary("docker1", true, 1),
            Delta: new HostDelta("docker1", 1, At, RemovedContainers: ["id-web"])));

        Assert.Equal(["client", "web"], next.Containers.Select(c => c.Name));
    }

    [Fact]
    public void Apply_ResyncWithDelta_ReplacesEverything()
    {
        var state = ClassicPicture.Docker1State();

        var next = state.Apply(new HostChange("docker1", 0, ClassicPicture.Summary("docker1", true, 1), Resync: true,
            Delta: new HostDelta("docker1", 0, At, UpsertedContainers: [ClassicPicture.Db])));

        Assert.Equal(["db"], next.Containers.Select(c => c.Name));
        Assert.Empty(next.Rules);
        Assert.Empty(next.Bridges);
    }

    [Fact]
    public void Apply_OtherHost_Ignored()
    {
        var state = ClassicPicture.Docker1State();

        var next = state.Apply(new HostChange("docker2", 3, ClassicPicture.Summary("docker2", false, 0),
            Delta: new HostDelta("docker2", 3, At, RemovedContainers: ["id-web"])));

        Assert.Same(state, next);
    }

    [Fact]
    public void ToResync_AppliedToEmpty_GivesTheSameState()
    {
        var state = ClassicPicture.Docker1State();

        var copy = HostState.Empty("docker1").Apply(state.ToResync());

        Assert.Equal(state.Containers, copy.Containers);
        Assert.Equal(state.Rules, copy.Rules);
        Assert.Equal(state.Bridges, copy.Bridges);
        Assert.Equal(state.Snapshot.Sequence, copy.Snapshot.Sequence);
    }
}
