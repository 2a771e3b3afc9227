using System.Net;
using Portal.Contracts.Flows;
using Portal.Contracts.Model;
using Portal.Core.Flows;
using static Portal.Core.Tests.Flows.ConntrackCaptures;

namespace Portal.Core.Tests.Flows;

public sealed class FlowAggregatorTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 29, 12, 0, 0, TimeSpan.Zero);

    /// <summary>docker1 as the captures saw it: client and server on flowcap, the published container on bridge.</summary>
    private static readonly HostSnapshot Docker1 = new(
        "docker1", 1, T0, "20.10.24", "nf_tables",
        [
            new Bridge("docker0", "bridge", "n1", "172.17.0.0/16", "172.17.0.1", true, true, 1500, []),
            new Bridge("br-flowcap", "flowcap", "n2", "172.18.0.0/16", "172.18.0.1", true, true, 1500, []),
        ],
        [
            Container("flowcap-srv", new Endpoint("flowcap", "172.18.0.2", null, [], "172.18.0.1")),
            Container("flowcap-cli", new Endpoint("flowcap", "172.18.0.3", null, [], "172.18.0.1")),
            Container("flowcap-pub", new Endpoint("bridge", "172.17.0.3", null, [], "172.17.0.1")),
        ],
        [],
        Interfaces: [new HostInterface("eth0", [new InterfaceAddress("10.20.30.100", 24)])]);

    private static readonly HostSnapshot Docker3 = new(
        "docker3", 1, T0, "20.10.24", "legacy",
        [new Bridge("docker0", "bridge", "n1", "172.17.0.0/16", "172.17.0.1", false, true, 1500, [], "fd00:3::/64")],
        [Container("flowcap6", new Endpoint("bridge", "172.17.0.2", null, [], "172.17.0.1", Ipv6: "fd00:3::242:ac11:2", Ipv6Gateway: "fd00:3::1"))],
        []);

    [Fact]
    public void Add_Captures_EdgesInTheExplainersWords()
    {
        var ends = new FlowEnds(Docker1);
        var aggregator = new FlowAggregator();
        foreach (var capture in new[] { NewContainerToContainer, NewToPublishedPort, NewContainerToOutside, DestroyContainerToOutside, NewUdp })
        {
            foreach (var e in ConntrackParser.Parse(Bytes(capture)))
            {
                aggregator.Add(e, ends, T0);
            }
        }

        var edges = aggregator.Take(100).OrderBy(e => e.Port).ToList();

        Assert.Equal(
            [
                new FlowEdge("flowcap-cli", "external:10.20.30.1", 9, "tcp", null, 1, T0, T0),
                new FlowEdge("flowcap-cli", "flowcap-srv", 7000, "tcp", "flowcap", 1, T0, T0),
                new FlowEdge("external:10.20.30.1", "flowcap-pub", 7001, "tcp", null, 1, T0, T0),
                new FlowEdge("flowcap-cli", "flowcap-srv", 7002, "udp", "flowcap", 1, T0, T0),
            ],
            edges);
    }

    [Fact]
    public void Add_Ipv6HostToContainer_FromHost()
    {
        var aggregator = new FlowAggregator();

        aggregator.Add(Assert.Single(ConntrackParser.Parse(Bytes(NewIpv6HostToContainer))), new FlowEnds(Docker3), T0);

        Assert.Equal(new FlowEdge("host", "flowcap6", 7003, "tcp", null, 1, T0, T0), Assert.Single(aggregator.Take(10)));
    }

    [Fact]
    public void Add_ManyConnectionsOneEdge_CountsThemFirstAndLastSeen()
    {
        var aggregator = new FlowAggregator();
        var e = Assert.Single(ConntrackParser.Parse(Bytes(NewContainerToContainer)));
        var ends = new FlowEnds(Docker1);
        for (var i = 0; i < 250; i++)
        {
            aggregator.Add(e, ends, T0.AddMilliseconds(i));
        }

        aggregator.Add(e with { New = false }, ends, T0.AddSeconds(5));

        var edge = Assert.Single(aggregator.Take(10));
        Assert.Equal((250L, T0, T0.AddSeconds(5)), (edge.Count, edge.FirstSeen, edge.LastSeen));
        Assert.Empty(aggregator.Take(10));
    }

    [Fact]
    public void Add_DestroyOnly_CountZero()
    {
        var aggregator = new FlowAggregator();

        aggregator.Add(Assert.Single(ConntrackParser.Parse(Bytes(DestroyContainerToContainer))), new FlowEnds(Docker1), T0);

        Assert.Equal(0, Assert.Single(aggregator.Take(10)).Count);
    }

    [Fact]
    public void Add_HostToItself_Skipped()
    {
        var aggregator = new FlowAggregator();
        var ends = new FlowEnds(Docker1);

        aggregator.Add(new ConntrackEvent(true, "tcp", IPAddress.Loopback, IPAddress.Loopback, 80), ends, T0);
        aggregator.Add(new ConntrackEvent(true, "tcp", IPAddress.Parse("10.20.30.100"), IPAddress.Parse("172.17.0.1"), 80), ends, T0);

        Assert.Empty(aggregator.Take(10));
    }

    [Fact]
    public void Take_MoreThanMax_RestWaitsThenReturnMergesBack()
    {
        var aggregator = new FlowAggregator();
        var ends = FlowEnds.None;
        for (var port = 1; port <= 5; port++)
        {
            aggregator.Add(new ConntrackEvent(true, "tcp", IPAddress.Parse("10.0.0.1"), IPAddress.Parse("10.0.0.2"), port), ends, T0);
        }

        var first = aggregator.Take(3);
        Assert.Equal(3, first.Count);
        Assert.Equal(2, aggregator.Count);
        aggregator.Return(first);
        aggregator.Add(new ConntrackEvent(true, "tcp", IPAddress.Parse("10.0.0.1"), IPAddress.Parse("10.0.0.2"), first[0].Port), ends, T0.AddSeconds(1));

        var all = aggregator.Take(10);
        Assert.Equal(5, all.Count);
        Assert.Equal(6, all.Sum(e => e.Count));
        Assert.Equal("external:10.0.0.1", all[0].From);
    }

    [Fact]
    public void Add_BeyondMaxEdges_NewEdgesDroppedAndCounted()
    {
        var aggregator = new FlowAggregator(maxEdges: 2);
        for (var port = 1; port <= 4; port++)
        {
            aggregator.Add(new ConntrackEvent(true, "tcp", IPAddress.Parse("10.0.0.1"), IPAddress.Parse("10.0.0.2"), port), FlowEnds.None, T0);
        }

        aggregator.Add(new ConntrackEvent(true, "tcp", IPAddress.Parse("10.0.0.1"), IPAddress.Parse("10.0.0.2"), 1), FlowEnds.None, T0);

        Assert.Equal(2, aggregator.Dropped);
        Assert.Equal(3, aggregator.Take(10).Sum(e => e.Count));
    }

    private static Container Container(string name, Endpoint endpoint) =>
        new("id-" + name, name, "busybox:latest", "running", name, [endpoint], [], [], [], [], []);
}
