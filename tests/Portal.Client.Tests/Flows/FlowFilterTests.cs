using Portal.Client.Formatting;
using static Portal.Client.Tests.Fakes.FlowPicture;

namespace Portal.Client.Tests.Flows;

public sealed class FlowFilterTests
{
    [Fact]
    public void Network_CrossedOrContainerEndAttached_Kept()
    {
        var filter = new FlowFilter(Network: "back");

        var kept = Edges.Where(e => filter.Matches(e, Containers)).ToList();

        // api-db crossed back; api to outside has no network but api is on back; web's edges are front-only.
        Assert.Equal([ApiToDb, ApiToOutside], kept);
    }

    [Fact]
    public void Network_Front_OutsideAndHostEdgesOfWebKept()
    {
        var filter = new FlowFilter(Network: "front");

        var kept = Edges.Where(e => filter.Matches(e, Containers)).ToList();

        Assert.Equal([OutsideA, OutsideB, WebToApi, ApiToOutside, HostToWeb], kept);
    }

    [Fact]
    public void Port_MatchesPortAndProtocol()
    {
        var udp = Edge("web", "api", 80, "front", 1, 0, proto: "udp");

        var kept = Edges.Append(udp).Where(e => new FlowFilter(Port: "80/tcp").Matches(e, Containers)).ToList();

        Assert.Equal([OutsideA, OutsideB, HostToWeb], kept);
    }

    [Fact]
    public void PortChoices_DistinctByPortThenProtocol() =>
        Assert.Equal(["53/udp", "80/tcp", "443/tcp", "5432/tcp", "8080/tcp"],
            FlowFilter.PortChoices(Edges.Append(Edge("web", "api", 53, "front", 1, 0, proto: "udp"))));

    [Fact]
    public void NetworkChoices_BridgesAndCrossedNetworks_SortedOnce() =>
        Assert.Equal(["back", "front", "gone"],
            FlowFilter.NetworkChoices([Front, Back], Edges.Append(Edge("x", "y", 1, "gone", 1, 0))));

    [Fact]
    public void ContainerFlows_BothDirectionsWithPeer_NewestFirst()
    {
        var rows = ContainerFlows.For("api", FlowSet.From(Edges).Entries);

        Assert.Equal(
            [("in", "web", 8080), ("out", "db", 5432), ("out", "external:192.0.2.50", 443)],
            rows.Select(r => (r.Direction, r.Peer, r.Entry.Edge.Port)));
    }
}
