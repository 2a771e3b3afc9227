using Portal.Client.Formatting;
using static Portal.Client.Tests.Fakes.FlowPicture;

namespace Portal.Client.Tests.Flows;

public sealed class FlowLayoutTests
{
    private static FlowMap Map(string? network = null) =>
        FlowLayout.Build(new FlowFilter(network).Apply(FlowSet.From(Edges).Entries, Containers), Containers, network);

    [Fact]
    public void Build_ContainersGroupedPerNetwork_OutsideLeftHostRight_NothingOverlaps()
    {
        var map = Map();

        Assert.Equal(["back", "front"], map.Groups.Select(g => g.Network));
        Assert.Equal(["api", "db"], map.Groups[0].Nodes.Select(n => n.Label));
        Assert.Equal(["api", "web"], map.Groups[1].Nodes.Select(n => n.Label));
        foreach (var group in map.Groups)
        {
            Assert.All(group.Nodes, n => Assert.True(group.Box.Contains(n.Box), $"{n.Id} outside {group.Title}"));
            Assert.True(map.Outside.Box.Right < group.Box.X, "outside is left of every network");
            Assert.True(group.Box.Right < map.Host.Box.X, "the host is right of every network");
        }

        Assert.True(map.Groups[0].Box.Right < map.Groups[1].Box.X, "network boxes overlap");
        Assert.True(map.Host.Box.Right <= map.Width && map.Groups.Max(g => g.Box.Bottom) <= map.Height);
    }

    [Fact]
    public void Build_ExternalEnds_FoldedIntoOneOutsideNodeListingEveryAddress()
    {
        var map = Map();

        Assert.Equal(["192.0.2.50", "198.51.100.9", "203.0.113.7"], map.Outside.Addresses);
        var inbound = Assert.Single(map.Lines, l => l.FromNode == FlowLayout.OutsideId);
        Assert.Equal("front/web", inbound.ToNode);
        Assert.Equal(15, inbound.Count);
        Assert.Equal(["80/tcp"], inbound.Ports);
        Assert.DoesNotContain(map.Nodes, n => n.Label.StartsWith("external:", StringComparison.Ordinal));
    }

    [Fact]
    public void Build_ContainerOnTwoNetworks_EdgeAttachesToTheNodeOfTheNetworkItCrossed()
    {
        var lines = Map().Lines.Select(l => (l.FromNode, l.ToNode)).ToList();

        Assert.Contains(("front/web", "front/api"), lines);
        Assert.Contains(("back/api", "back/db"), lines);
        // No network (to outside): the container's first node.
        Assert.Contains(("back/api", FlowLayout.OutsideId), lines);
        Assert.Contains((FlowLayout.HostId, "front/web"), lines);
        Assert.Equal(5, lines.Count);
    }

    [Fact]
    public void Build_WidthByCount_BusiestWidestSingleConnectionThinnest()
    {
        var lines = Map().Lines;

        Assert.Equal(lines.Max(l => l.Width), lines.Single(l => l.Count == 40).Width);
        Assert.Equal(FlowLayout.MinLineWidth, lines.Single(l => l.Count == 1).Width, 3);
        var ordered = lines.OrderBy(l => l.Count).Select(l => l.Width).ToList();
        Assert.Equal(ordered.Order(), ordered);
    }

    [Theory]
    [InlineData(1, 1, FlowLayout.MinLineWidth)]
    [InlineData(1000, 1000, FlowLayout.MaxLineWidth)]
    [InlineData(50, 50, FlowLayout.MaxLineWidth)]
    public void LineWidth_Extremes(long count, long busiest, double width) =>
        Assert.Equal(width, FlowLayout.LineWidth(count, busiest), 3);

    [Fact]
    public void LineWidth_TwoConnectionsAlone_StayThin() =>
        Assert.True(FlowLayout.LineWidth(2, 2) < FlowLayout.MinLineWidth + 1.5);

    [Fact]
    public void Build_FilteredToNetwork_OnlyItsBoxAndEdges()
    {
        var map = Map("back");

        var group = Assert.Single(map.Groups);
        Assert.Equal(["api", "db"], group.Nodes.Select(n => n.Label));
        Assert.Equal([("back/api", "back/db"), ("back/api", FlowLayout.OutsideId)], map.Lines.Select(l => (l.FromNode, l.ToNode)));
        Assert.Equal(["192.0.2.50"], map.Outside.Addresses);
    }

    [Fact]
    public void Build_EdgeNamesContainerNotInState_DrawnInABoxOfItsOwn()
    {
        var entries = FlowSet.From([Edge("ghost", "web", 80, "front", 2, 0)]).Entries;

        var map = FlowLayout.Build(entries, Containers);

        var stray = Assert.Single(map.Groups, g => g.Network is null);
        Assert.Equal(["ghost"], stray.Nodes.Select(n => n.Label));
        Assert.Equal(("-/ghost", "front/web"), (map.Lines.Single().FromNode, map.Lines.Single().ToNode));
    }

    [Fact]
    public void Build_LitEdge_LineCarriesTheNewestLight()
    {
        var entries = FlowSet.From(Edges).Apply([OutsideB with { Count = 4, LastSeen = Now }], Now).Entries;

        var line = FlowLayout.Build(entries, Containers).Lines.Single(l => l.FromNode == FlowLayout.OutsideId);

        Assert.Equal(Now, line.LitAt);
        Assert.Null(FlowLayout.Build(entries, Containers).Lines.Single(l => l.ToNode == "back/db").LitAt);
    }

    [Fact]
    public void Build_LineOverAnotherNetworksBox_RunsInTheLaneAboveTheBoxes()
    {
        var map = Map();
        var top = map.Groups.Min(g => g.Box.Y);

        // outside to web passes over "back"; the host to web passes over nothing.
        var over = map.Lines.Single(l => l.FromNode == FlowLayout.OutsideId);
        Assert.True(Middle(over).Y < top, $"{Middle(over)} not above {top}");
        var near = map.Lines.Single(l => l.FromNode == FlowLayout.HostId);
        Assert.True(Middle(near).Y > top, $"{Middle(near)} above the boxes");
    }

    [Fact]
    public void Route_BothDirections_SideToSideBendingApart()
    {
        var a = new FlowBox(0, 0, 100, 20);
        var b = new FlowBox(300, 100, 100, 20);

        var there = FlowLayout.Route(a, b, sameGroup: false, topLane: -50, bottomLane: 200, overOthers: false);
        var back = FlowLayout.Route(b, a, sameGroup: false, topLane: -50, bottomLane: 200, overOthers: false);

        Assert.Equal((new FlowPoint(100, 10), new FlowPoint(300, 110)), (there.Start, there.End));
        Assert.Equal((new FlowPoint(300, 110), new FlowPoint(100, 10)), (back.Start, back.End));
        Assert.True(there.Control1.Y < there.Start.Y, "going right bends up");
        Assert.True(back.Control1.Y > back.Start.Y, "going left bends down");
    }

    [Fact]
    public void Route_OverOthers_PeaksInTheLaneOfItsDirection()
    {
        var a = new FlowBox(0, 100, 100, 20);
        var b = new FlowBox(600, 100, 100, 20);

        var right = FlowLayout.Route(a, b, sameGroup: false, topLane: 30, bottomLane: 250, overOthers: true);
        var left = FlowLayout.Route(b, a, sameGroup: false, topLane: 30, bottomLane: 250, overOthers: true);

        Assert.Equal(30, Middle(right).Y, 3);
        Assert.Equal(250, Middle(left).Y, 3);
    }

    [Fact]
    public void Route_SameBox_GoesDownOnTheRightUpOnTheLeft()
    {
        var upper = new FlowBox(10, 0, 100, 20);
        var lower = new FlowBox(10, 40, 100, 20);

        var down = FlowLayout.Route(upper, lower, sameGroup: true, 0, 100, overOthers: false);
        var up = FlowLayout.Route(lower, upper, sameGroup: true, 0, 100, overOthers: false);

        Assert.Equal((110, 110), (down.Start.X, down.End.X));
        Assert.True(down.Control1.X > 110);
        Assert.Equal((10, 10), (up.Start.X, up.End.X));
        Assert.True(up.Control1.X < 10);
    }

    [Fact]
    public void Path_IsACubicCurveInInvariantNumbers() =>
        Assert.Equal("M 1.5 2 C 3 4 7 8 5.3 6",
            new FlowLine("a", "b", 1, 1, [], null, new FlowPoint(1.5, 2), new FlowPoint(3, 4), new FlowPoint(7, 8), new FlowPoint(5.26, 6)).Path);

    /// <summary>The curve's point half way along (t = 0.5).</summary>
    private static FlowPoint Middle(FlowCurve c) => new(
        0.125 * c.Start.X + 0.375 * c.Control1.X + 0.375 * c.Control2.X + 0.125 * c.End.X,
        0.125 * c.Start.Y + 0.375 * c.Control1.Y + 0.375 * c.Control2.Y + 0.125 * c.End.Y);

    private static FlowPoint Middle(FlowLine l) => Middle(new FlowCurve(l.Start, l.Control1, l.Control2, l.End));
}
