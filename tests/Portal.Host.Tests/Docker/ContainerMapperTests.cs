using Docker.DotNet.Models;
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
    public void Endpoints_NetworkWithIpv6_CarryTheGlobalIpv6Address()
    {
        // docker inspect: an IPv6 network gives the endpoint a GlobalIPv6Address; ownership of ip6tables rules needs it.
        var inspect = new ContainerInspectResponse
        {
            NetworkSettings = new NetworkSettings
            {
                Networks = new Dictionary<string, EndpointSettings>
                {
                    ["v6net"] = new() { IPAddress = "192.168.0.2", GlobalIPv6Address = "fd49:efd7:54aa::1", MacAddress = "02:42:c0:a8:00:02" },
                    ["bridge"] = new() { IPAddress = "172.17.0.2", GlobalIPv6Address = "" },
                },
            },
        };

        var endpoints = ContainerMapper.Endpoints(inspect);

        Assert.Equal([(null as string, "bridge"), ("fd49:efd7:54aa::1", "v6net")], endpoints.Select(e => (e.Ipv6, e.Network)));
    }

    [Fact]
    public void SortPorts_MixedProtocols_NumericThenProtocol() =>
        Assert.Equal(["53/udp", "80/tcp", "9000/tcp", "9000/udp", "9001/tcp"], ContainerMapper.SortPorts(["9001/tcp", "9000/udp", "80/tcp", "9000/tcp", "53/udp"]));
}
