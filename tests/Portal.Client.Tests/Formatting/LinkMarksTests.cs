using Portal.Client.Formatting;
using Portal.Client.Tests.Fakes;
using Portal.Contracts.Model;

namespace Portal.Client.Tests.Formatting;

public sealed class LinkMarksTests
{
    [Fact]
    public void IsLinkLine_LineNamingTheLinkAlias_True() =>
        Assert.True(LinkMarks.IsLinkLine(new HostsEntry("172.17.0.2", ["web", "webhost"]), ClassicPicture.Client));

    [Fact]
    public void IsLinkLine_OwnLineAndLocalhost_False()
    {
        Assert.False(LinkMarks.IsLinkLine(new HostsEntry("172.17.0.3", ["clienthost"]), ClassicPicture.Client));
        Assert.False(LinkMarks.IsLinkLine(new HostsEntry("127.0.0.1", ["localhost"]), ClassicPicture.Client));
    }

    [Fact]
    public void LinksIn_TargetWithSlash_FindsTheLinkingContainer()
    {
        var links = LinkMarks.LinksIn("web", [ClassicPicture.Web, ClassicPicture.Client]);

        var (source, link) = Assert.Single(links);
        Assert.Equal("client", source);
        Assert.Equal("web", link.Alias);
    }

    [Fact]
    public void Concerns_OwnerContainerOrLinkEnd_True()
    {
        Assert.True(LinkMarks.Concerns(ClassicPicture.Docker1Rules[2], "web"));
        Assert.True(LinkMarks.Concerns(ClassicPicture.Docker1Rules[5], "client"));
        Assert.True(LinkMarks.Concerns(ClassicPicture.Docker1Rules[5], "web"));
        Assert.False(LinkMarks.Concerns(ClassicPicture.Docker1Rules[0], "web"));
    }
}
