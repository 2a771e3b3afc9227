using Portal.Contracts.Model;
using Portal.Contracts.Wire;
using Portal.Core.Iptables;
using Portal.Core.Ownership;
using Portal.Core.RuleShapes;

namespace Portal.Core.Tests.RuleShapes;

/// <summary>
/// Which Docker version writes which shapes (issue 11, items 1 and 7): the set follows the engine version a host
/// reports, every shape names exactly the sets that list it, and rules of 28.0.0 and 28.x as moby's generated rule
/// docs print them (network bridge1, 192.0.2.0/24, container c1 at 192.0.2.2 publishing 8080->80/tcp) are owned there.
/// </summary>
public sealed class DockerShapeSetTests
{
    private static readonly Bridge Bridge1 = new("bridge1", "bridge1", "id1", "192.0.2.0/24", "192.0.2.1", true, true, 1500, []);

    private static readonly Container C1 = new(
        "c1-id", "/c1", "busybox", "running", "c1",
        [new Endpoint("bridge1", "192.0.2.2", null, [])],
        [new PortBinding(80, "tcp", "0.0.0.0", 8080)],
        ["80/tcp"], [], [], []);

    [Theory]
    [InlineData("20.10.24", "20.10")]
    [InlineData("27.5.1", "20.10")]
    [InlineData("28.0.0", "28.0.0")]
    [InlineData("28.0.1", "28.x")]
    [InlineData("28.5.2", "28.x")]
    [InlineData("v28.3.0", "28.x")]
    [InlineData("29.0.0-rc.1", "29.x")]
    [InlineData("29.1.1", "29.x")]
    [InlineData("30.0", "29.x")]
    public void SetFor_EngineVersion_IsTheSetThatCoversIt(string version, string set) =>
        Assert.Equal(set, RuleShapeCatalogue.SetFor(version)?.Version);

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("dev")]
    [InlineData("master-dockerproject-2025")]
    [InlineData("29")]
    public void ForDockerVersion_UnknownVersion_IsEveryShape(string? version)
    {
        Assert.Null(RuleShapeCatalogue.SetFor(version));
        Assert.Same(RuleShapeCatalogue.All, RuleShapeCatalogue.ForDockerVersion(version));
    }

    [Fact]
    public void Sets_CoverEveryVersionOnceAndInOrder()
    {
        var sets = RuleShapeCatalogue.Docker;

        Assert.Null(sets[0].Before);
        for (var i = 1; i < sets.Count; i++)
        {
            Assert.Equal(sets[i - 1].Since, sets[i].Before);
        }

        Assert.Equal(new DockerVersion(0, 0, 0), sets[^1].Since);
    }

    [Fact]
    public void Versions_OfEveryShape_AreExactlyTheSetsThatListIt()
    {
        var byName = RuleShapeCatalogue.Docker.ToDictionary(d => d.Version);
        foreach (var shape in RuleShapeCatalogue.Docker.SelectMany(d => d.All).Distinct())
        {
            var listing = RuleShapeCatalogue.Docker.Where(d => d.All.Contains(shape)).Select(d => d.Version).Order(StringComparer.Ordinal);
            Assert.Equal(listing, shape.Versions.Order(StringComparer.Ordinal));
            Assert.All(shape.Versions, v => Assert.True(byName.ContainsKey(v), $"{shape.Name}: no set {v}"));
        }
    }

    [Theory]
    // 28.0.0: the ipset in filter FORWARD, isolation and ICC still there, the default DROP, routed and internal rules.
    [InlineData("28.0.0", "filter", "-A FORWARD -m set --match-set docker-ext-bridges-v4 dst -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT", "docker", null)]
    [InlineData("28.0.0", "filter", "-A FORWARD -m set --match-set docker-ext-bridges-v6 dst -j DOCKER", "docker", null)]
    [InlineData("28.0.0", "filter", "-A FORWARD -j DOCKER-ISOLATION-STAGE-1", "docker", null)]
    [InlineData("28.0.0", "filter", "-A FORWARD -i bridge1 ! -o bridge1 -j ACCEPT", "forward", "bridge1")]
    [InlineData("28.0.0", "filter", "-A FORWARD -i bridge1 -o bridge1 -j ACCEPT", "icc", "bridge1")]
    [InlineData("28.0.0", "filter", "-A DOCKER ! -i bridge1 -o bridge1 -j DROP", "isolation", "bridge1")]
    [InlineData("28.0.0", "filter", "-A DOCKER -o bridge1 -p icmp -j ACCEPT", "forward", "bridge1")]
    [InlineData("28.0.0", "filter", "-A DOCKER-ISOLATION-STAGE-1 ! -s 192.0.2.0/24 -o bridge1 -j DROP", "isolation", "bridge1")]
    [InlineData("28.0.0", "filter", "-A DOCKER-ISOLATION-STAGE-1 ! -d 192.0.2.0/24 -i bridge1 -j DROP", "isolation", "bridge1")]
    [InlineData("28.0.0", "filter", "-A DOCKER-ISOLATION-STAGE-1 -i bridge1 -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT", "isolation", "bridge1")]
    [InlineData("28.0.0", "filter", "-A DOCKER-ISOLATION-STAGE-1 -o bridge1 -j RETURN", "isolation", "bridge1")]
    [InlineData("28.0.0", "filter", "-A DOCKER-USER -j RETURN", "docker", null)]
    [InlineData("28.0.0", "nat", "-A DOCKER -i bridge1 -j RETURN", "docker", "bridge1")]
    [InlineData("28.0.0", "raw", "-A PREROUTING -d 192.0.2.2/32 ! -i bridge1 -j DROP", "direct-access", "bridge1")]
    // 28.x: DOCKER-FORWARD with the isolation chains, the nat RETURN still there.
    [InlineData("28.5.2", "filter", "-A FORWARD -j DOCKER-FORWARD", "docker", null)]
    [InlineData("28.5.2", "filter", "-A DOCKER-FORWARD -j DOCKER-ISOLATION-STAGE-1", "docker", null)]
    [InlineData("28.5.2", "filter", "-A DOCKER-FORWARD -i bridge1 -j ACCEPT", "forward", "bridge1")]
    [InlineData("28.5.2", "filter", "-A DOCKER-CT -o bridge1 -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT", "forward", "bridge1")]
    [InlineData("28.5.2", "filter", "-A DOCKER-BRIDGE -o bridge1 -j DOCKER", "forward", "bridge1")]
    [InlineData("28.5.2", "filter", "-A DOCKER-ISOLATION-STAGE-2 -o bridge1 -j DROP", "isolation", "bridge1")]
    [InlineData("28.5.2", "nat", "-A DOCKER -i bridge1 -j RETURN", "docker", "bridge1")]
    // Swarm's ingress, wherever its jump sits.
    [InlineData("28.0.0", "filter", "-A FORWARD -j DOCKER-INGRESS", "swarm", null)]
    [InlineData("28.5.2", "filter", "-A DOCKER-INGRESS -p tcp -m tcp --sport 8080 -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT", "swarm", null)]
    [InlineData("29.1.1", "filter", "-A DOCKER-FORWARD -j DOCKER-INGRESS", "swarm", null)]
    [InlineData("29.1.1", "nat", "-A PREROUTING -m addrtype --dst-type LOCAL -j DOCKER-INGRESS", "swarm", null)]
    [InlineData("29.1.1", "nat", "-A DOCKER-INGRESS -p tcp -m tcp --dport 8080 -j DNAT --to-destination 172.18.0.2:8080", "swarm", null)]
    // What a version does not write stays unknown on a host running it.
    [InlineData("29.1.1", "filter", "-A DOCKER-FORWARD -j DOCKER-ISOLATION-STAGE-1", "unknown", null)]
    [InlineData("29.1.1", "filter", "-A FORWARD -m set --match-set docker-ext-bridges-v4 dst -j DOCKER", "unknown", null)]
    [InlineData("28.5.2", "filter", "-A DOCKER-INTERNAL ! -s 192.0.2.0/24 -o bridge1 -j DROP", "unknown", null)]
    [InlineData("20.10.24", "filter", "-A DOCKER ! -i bridge1 -o bridge1 -j DROP", "unknown", null)]
    [InlineData("20.10.24", "filter", "-A FORWARD -j DOCKER-INGRESS", "unknown", null)]
    public void Owner_RuleOfThatVersion_IsItsOwnerThere(string version, string table, string rule, string kind, string? network)
    {
        var owner = RuleOwnership.Resolve(RulesetParser.Parse($"*{table}\n{rule}\nCOMMIT\n"), [Bridge1], [C1], RuleShapeCatalogue.ForDockerVersion(version)).Single().Owner;

        Assert.Equal((kind, network), (WireName.Of(owner.Kind), owner.Network));
    }

    [Theory]
    [InlineData("28.0.0")]
    [InlineData("28.5.2")]
    [InlineData("29.1.1")]
    public void Owner_PublishedPortRulesOf28On_NameTheContainerAndItsHostPort(string version)
    {
        string[] rules =
        [
            "*filter\n-A DOCKER -d 192.0.2.2/32 ! -i bridge1 -o bridge1 -p tcp -m tcp --dport 80 -j ACCEPT\nCOMMIT\n",
            "*nat\n-A DOCKER ! -i bridge1 -p tcp -m tcp --dport 8080 -j DNAT --to-destination 192.0.2.2:80\nCOMMIT\n",
            "*raw\n-A PREROUTING -d 127.0.0.1/32 ! -i lo -p tcp -m tcp --dport 8080 -j DROP\nCOMMIT\n",
        ];

        foreach (var text in rules)
        {
            var owner = RuleOwnership.Resolve(RulesetParser.Parse(text), [Bridge1], [C1], RuleShapeCatalogue.ForDockerVersion(version)).Single().Owner;
            Assert.Equal(new RuleOwner(RuleOwnerKind.Port, "c1", "8080/tcp", "bridge1"), owner);
        }
    }

    [Theory]
    [InlineData("containerIp", "fd49:efd7:54aa::1", true)]
    [InlineData("containerIp", "192.168.0.2", true)]
    [InlineData("containerIp", "FD49:EFD7:54AA::1", false)]
    [InlineData("containerIp", "fd49:efd7:54aa:0:0:0:0:1", false)]
    [InlineData("containerIp", "[fd49::1]", false)]
    [InlineData("hostIp", "::1", true)]
    [InlineData("subnet", "fd49:efd7:54aa::/64", true)]
    [InlineData("subnet", "fd49:efd7:54aa::/129", false)]
    [InlineData("subnet", "192.168.0.0/24", true)]
    public void Placeholder_Ipv6Values_AreValidAsIp6tablesSavePrintsThem(string name, string value, bool valid) =>
        Assert.Equal(valid, Placeholder.IsValid(name, value));

    [Fact]
    public void SwarmShapes_AreFamiliesThatCannotBeRendered()
    {
        Assert.All(SwarmShapes.All, s => Assert.False(s.IsRenderable));
        Assert.All(SwarmShapes.All, s => Assert.Equal(RuleOwnerKind.Swarm, s.Kind));
    }
}
