using Portal.Client.Formatting;
using Portal.Client.Tests.Fakes;
using Portal.Contracts.Intents;

namespace Portal.Client.Tests.Formatting;

public sealed class ZoneLayoutTests
{
    private static readonly IReadOnlyList<ZoneHost> Hosts =
    [
        new("docker2", true, [ClassicPicture.Docker0], [ClassicPicture.Db]),
        new("docker1", false, [ClassicPicture.Docker0], [ClassicPicture.Web, ClassicPicture.Client]),
    ];

    [Fact]
    public void SharedAddresses_SameAddressOnTwoHosts_OnlyThatOne() =>
        Assert.Equal(["172.17.0.2"], ZoneLayout.SharedAddresses(Hosts));

    [Fact]
    public void SharedAddresses_TwoEndpointsOfOneHost_NotShared() =>
        Assert.Empty(ZoneLayout.SharedAddresses([new ZoneHost("docker1", true, [], [ClassicPicture.Web, ClassicPicture.Web with { Name = "twin" }])]));

    [Fact]
    public void Build_HostsSideBySideByName_ContainersInsideTheirBridgeInsideTheirHost()
    {
        var diagram = ZoneLayout.Build(Hosts);

        Assert.Equal(["docker1", "docker2"], diagram.Hosts.Select(h => h.Name));
        var (first, second) = (diagram.Hosts[0], diagram.Hosts[1]);
        Assert.True(first.Box.X + first.Box.Width <= second.Box.X, "hosts overlap");
        Assert.True(diagram.Physical.Bottom < first.Box.Y, "hosts hang below the physical network");
        Assert.True(diagram.Physical.Width >= second.Box.X + second.Box.Width - first.Box.X, "the bar spans every host");

        var bridge = Assert.Single(first.Bridges);
        Assert.Equal(["client", "web"], bridge.Containers.Select(c => c.Name));
        foreach (var container in bridge.Containers)
        {
            Assert.True(Inside(container.Box, bridge.Box), $"{container.Name} outside its bridge");
        }

        Assert.True(Inside(bridge.Box, first.Box), "bridge outside its host");
        Assert.True(bridge.Containers.Single(c => c.Name == "web").Shared);
        Assert.False(bridge.Containers.Single(c => c.Name == "client").Shared);
        Assert.False(first.Online);
        Assert.True(diagram.Height >= diagram.Hosts.Max(h => h.Box.Bottom));
    }

    [Fact]
    public void Build_NoHosts_StillAPhysicalBar()
    {
        var diagram = ZoneLayout.Build([]);

        Assert.Empty(diagram.Hosts);
        Assert.True(diagram.Physical.Width > 0);
    }

    [Fact]
    public void Build_SixteenPublicAddresses_LabelsBetweenTheBarAndTheHostsInAddressOrder()
    {
        var addresses = Enumerable.Range(0, 16)
            .Select(i => new AddressView($"203.0.113.{20 - i}", "eth0", i == 0 ? "web" : $"c{i}", null, i, IntentStatus.Applied, null, "172.17.0.2", true, true))
            .ToList();
        var hosts = new[] { Hosts[1] with { Addresses = addresses }, Hosts[0] };

        var diagram = ZoneLayout.Build(hosts);

        var docker1 = diagram.Hosts.Single(h => h.Name == "docker1");
        Assert.Equal(addresses.Select(a => a.Address).Order(StringComparer.Ordinal), docker1.PublicAddresses.Select(a => a.Address));
        foreach (var label in docker1.PublicAddresses)
        {
            Assert.True(label.Y > diagram.Physical.Bottom && label.Y < docker1.Box.Y, $"{label.Address} at {label.Y} is not between the bar and the host");
        }

        Assert.Equal(docker1.Box.Y, diagram.Hosts.Single(h => h.Name == "docker2").Box.Y);
        Assert.Empty(diagram.Hosts.Single(h => h.Name == "docker2").PublicAddresses);
        Assert.Equal("203.0.113.20", docker1.Bridges.Single().Containers.Single(c => c.Name == "web").PublicAddress);
        Assert.Null(docker1.Bridges.Single().Containers.Single(c => c.Name == "client").PublicAddress);
    }

    [Fact]
    public void Build_NoAddresses_HostsAtTheUsualTop() =>
        Assert.All(ZoneLayout.Build(Hosts).Hosts, h => Assert.Equal(ZoneLayout.HostTop, h.Box.Y));

    private static bool Inside(ZoneBox inner, ZoneBox outer) =>
        inner.X >= outer.X && inner.Y >= outer.Y && inner.X + inner.Width <= outer.X + outer.Width && inner.Bottom <= outer.Bottom;
}
