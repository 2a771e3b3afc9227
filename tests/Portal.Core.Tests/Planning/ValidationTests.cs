using Portal.Core.Validation;

namespace Portal.Core.Tests.Planning;

public sealed class ValidationTests
{
    [Theory]
    [InlineData("web", true)]
    [InlineData("web_1.a-b", true)]
    [InlineData("w", false)]
    [InlineData("-web", false)]
    [InlineData("web;rm", false)]
    [InlineData("", false)]
    [InlineData(null, false)]
    public void ContainerName_FollowsDockersRule(string? name, bool valid) => Assert.Equal(valid, Names.IsContainerName(name));

    [Theory]
    [InlineData("db", true)]
    [InlineData("my-db", true)]
    [InlineData("-db", false)]
    [InlineData("db-", false)]
    [InlineData("my_db", false)]
    [InlineData("a.b", false)]
    public void DnsLabel_FollowsRfc1123(string alias, bool valid) => Assert.Equal(valid, Names.IsDnsLabel(alias));

    [Theory]
    [InlineData("172.30.0.0/24", true)]
    [InlineData("10.0.0.0/8", true)]
    [InlineData("172.30.0.1/24", false)]
    [InlineData("172.30.0.0/33", false)]
    [InlineData("172.30.0/24", false)]
    [InlineData("::1/128", false)]
    [InlineData("garbage", false)]
    public void Cidr_ParsesOnlyNetworks(string text, bool valid) => Assert.Equal(valid, Ipv4Cidr.TryParse(text, out _));

    [Fact]
    public void Cidr_ContainsHost_ExcludesNetworkAndBroadcast()
    {
        Assert.True(Ipv4Cidr.TryParse("172.30.0.0/24", out var net));
        Assert.True(Ipv4Cidr.TryParseAddress("172.30.0.10", out var inside));
        Assert.True(Ipv4Cidr.TryParseAddress("172.30.0.255", out var broadcast));
        Assert.True(Ipv4Cidr.TryParseAddress("172.31.0.10", out var outside));
        Assert.True(net.ContainsHost(inside));
        Assert.False(net.ContainsHost(broadcast));
        Assert.False(net.ContainsHost(outside));
        Assert.Equal("172.30.0.0/24", net.ToString());
    }

    [Fact]
    public void Cidr_Overlaps_DetectsNesting()
    {
        Assert.True(Ipv4Cidr.TryParse("172.16.0.0/12", out var wide));
        Assert.True(Ipv4Cidr.TryParse("172.17.0.0/16", out var docker0));
        Assert.True(Ipv4Cidr.TryParse("10.0.0.0/8", out var other));
        Assert.True(wide.Overlaps(docker0));
        Assert.True(docker0.Overlaps(wide));
        Assert.False(docker0.Overlaps(other));
    }

    [Theory]
    [InlineData("80/tcp", 80, "tcp")]
    [InlineData("53/udp", 53, "udp")]
    [InlineData("9000", 9000, "tcp")]
    public void Ports_ParseDockerNotation(string text, int port, string protocol)
    {
        Assert.True(Ports.TryParse(text, out var p, out var proto));
        Assert.Equal((port, protocol), (p, proto));
    }

    [Theory]
    [InlineData("0/tcp")]
    [InlineData("65536/tcp")]
    [InlineData("80/icmp")]
    [InlineData("x/tcp")]
    public void Ports_RejectOutOfRange(string text) => Assert.False(Ports.TryParse(text, out _, out _));
}
