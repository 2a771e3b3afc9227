using Portal.Contracts.Model;
using Portal.Host.Docker;

namespace Portal.Host.Tests.Docker;

public sealed class ContainerMapperTests
{
    [Theory]
    [InlineData("/web:/client/web", "web", "web")]
    [InlineData("/hst-child-1:/hst-client-1/db", "hst-child-1", "db")]
    public void ParseLink_HostConfigLinks_TargetAndAlias(string link, string target, string alias) =>
        Assert.Equal(new ContainerLink(target, alias), ContainerMapper.ParseLink(link));

    [Theory]
    [InlineData("")]
    [InlineData("web")]
    [InlineData(":/client/web")]
    public void ParseLink_Malformed_Null(string link) => Assert.Null(ContainerMapper.ParseLink(link));

    [Fact]
    public void SortPorts_MixedProtocols_NumericThenProtocol() =>
        Assert.Equal(["53/udp", "80/tcp", "9000/tcp", "9000/udp", "9001/tcp"], ContainerMapper.SortPorts(["9001/tcp", "9000/udp", "80/tcp", "9000/tcp", "53/udp"]));
}
