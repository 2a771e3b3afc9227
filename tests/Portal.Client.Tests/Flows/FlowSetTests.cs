using Portal.Client.Formatting;
using static Portal.Client.Tests.Fakes.FlowPicture;

namespace Portal.Client.Tests.Flows;

public sealed class FlowSetTests
{
    [Fact]
    public void From_FirstFetch_HoldsEveryEdgeBusiestFirstAndLightsNothing()
    {
        var set = FlowSet.From(Edges);

        Assert.Equal(Edges.Count, set.Count);
        Assert.Equal(WebToApi, set.Entries[0].Edge);
        Assert.All(set.Entries, e => Assert.Null(e.LitAt));
    }

    [Fact]
    public void Apply_PushWithNewTotals_ReplacesCountAndLightsOnlyMovedEdges()
    {
        var set = FlowSet.From(Edges);
        var at = Now.AddSeconds(5);

        var moved = WebToApi with { Count = 41, LastSeen = at };
        var same = ApiToDb with { LastSeen = ApiToDb.LastSeen };
        var next = set.Apply([moved, same], at);

        Assert.Equal(41, next.Find(FlowKey.Of(WebToApi))!.Edge.Count);
        Assert.Equal(at, next.Find(FlowKey.Of(WebToApi))!.LitAt);
        Assert.Null(next.Find(FlowKey.Of(ApiToDb))!.LitAt);
        Assert.Equal(Edges.Count, next.Count);
        Assert.Equal(40, set.Find(FlowKey.Of(WebToApi))!.Edge.Count);
    }

    [Fact]
    public void Apply_NewEdge_AddedAndLit()
    {
        var fresh = Edge("db", "api", 9000, "back", 1, 0);

        var next = FlowSet.From(Edges).Apply([fresh], Now);

        Assert.Equal(Now, next.Find(FlowKey.Of(fresh))!.LitAt);
        Assert.Equal(Edges.Count + 1, next.Count);
    }

    [Fact]
    public void Apply_OlderTotalsThanHeld_Ignored()
    {
        var set = FlowSet.From([WebToApi with { Count = 50 }]);

        var next = set.Apply([WebToApi with { LastSeen = WebToApi.LastSeen.AddMinutes(-1), Count = 45 }], Now);

        Assert.Equal(50, next.Find(FlowKey.Of(WebToApi))!.Edge.Count);
        Assert.Null(next.Find(FlowKey.Of(WebToApi))!.LitAt);
    }

    [Fact]
    public void Apply_SameEdgeOnAnotherNetwork_KeptApart()
    {
        var set = FlowSet.From([WebToApi]).Apply([WebToApi with { Network = "back", Count = 1 }], Now);

        Assert.Equal(2, set.Count);
    }

    [Fact]
    public void Since_DropsEdgesLastSeenBefore()
    {
        var set = FlowSet.From(Edges).Since(Now.AddMinutes(-15));

        Assert.DoesNotContain(set.Entries, e => e.Edge == OutsideB || e.Edge == ApiToOutside);
        Assert.Equal(4, set.Count);
    }

    [Theory]
    [InlineData(0, 1.0)]
    [InlineData(1.5, 0.5)]
    [InlineData(3, 0.0)]
    [InlineData(10, 0.0)]
    public void Glow_FadesLinearlyOverThreeSeconds(double seconds, double level) =>
        Assert.Equal(level, FlowGlow.Level(Now, Now.AddSeconds(seconds)), 3);

    [Fact]
    public void Glow_NeverLit_Dark() => Assert.False(FlowGlow.IsLit(null, Now));
}
