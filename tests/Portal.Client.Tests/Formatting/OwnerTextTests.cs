using Portal.Client.Formatting;
using Portal.Client.Tests.Fakes;
using Portal.Contracts.Model;

namespace Portal.Client.Tests.Formatting;

public sealed class OwnerTextTests
{
    [Theory]
    [InlineData(RuleOwnerKind.Masquerade, "masquerade for bridge")]
    [InlineData(RuleOwnerKind.Icc, "icc for bridge")]
    [InlineData(RuleOwnerKind.Isolation, "isolation")]
    [InlineData(RuleOwnerKind.Docker, "docker")]
    [InlineData(RuleOwnerKind.Portal, "portal")]
    [InlineData(RuleOwnerKind.DockerUser, "DOCKER-USER")]
    [InlineData(RuleOwnerKind.Unknown, "unknown")]
    [InlineData((RuleOwnerKind)99, "unknown")]
    public void Describe_NetworkKinds_NameTheNetwork(RuleOwnerKind kind, string expected) =>
        Assert.Equal(expected, OwnerText.Describe(new RuleOwner(kind, Network: "bridge")));

    [Fact]
    public void Describe_PublishedPort_ContainerPortFromBindings()
    {
        var owner = new RuleOwner(RuleOwnerKind.Port, Container: "web", Port: "8080/tcp");

        Assert.Equal("port 8080/tcp -> web:80", OwnerText.Describe(owner, ruleText: null, [ClassicPicture.Web]));
    }

    [Fact]
    public void Describe_PublishedPortWithoutContainers_ContainerPortFromDnatTarget()
    {
        var owner = new RuleOwner(RuleOwnerKind.Port, Container: "web", Port: "9090/tcp");

        Assert.Equal(
            "port 9090/tcp -> web:8000",
            OwnerText.Describe(owner, "-A DOCKER ! -i docker0 -p tcp -m tcp --dport 9090 -j DNAT --to-destination 172.17.0.5:8000"));
    }

    [Fact]
    public void Describe_PublishedPortFilterRule_NoContainerPortKnown_NamesContainerOnly() =>
        Assert.Equal(
            "port 8080/tcp -> web",
            OwnerText.Describe(new RuleOwner(RuleOwnerKind.Port, Container: "web", Port: "8080/tcp"), "-A DOCKER -d 172.17.0.3/32 -j ACCEPT"));

    [Fact]
    public void Describe_Link_SourceTargetAndPort() =>
        Assert.Equal(
            "link client -> web:80/tcp",
            OwnerText.Describe(new RuleOwner(RuleOwnerKind.Link, Source: "client", Target: "web", Alias: "web", Port: "80/tcp")));
}
