using Portal.Host.Hosts;

namespace Portal.Host.Tests.Hosts;

public sealed class HostsFileParserTests
{
    // A parent's /etc/hosts as dockerd 20.10 wrote it in the lab (--link child:db), tab-separated.
    private const string LinkedParent =
        "127.0.0.1\tlocalhost\n" +
        "::1\tlocalhost ip6-localhost ip6-loopback\n" +
        "fe00::0\tip6-localnet\n" +
        "ff00::0\tip6-mcastprefix\n" +
        "ff02::1\tip6-allnodes\n" +
        "ff02::2\tip6-allrouters\n" +
        "172.17.0.2\tdb 079974f398a4 hst-m-child\n" +
        "172.17.0.3\ta576b3820edf\n";

    [Fact]
    public void Parse_DockerLinkedParent_EveryLineInOrder()
    {
        var entries = HostsFileParser.Parse(LinkedParent);

        Assert.Equal(8, entries.Count);
        Assert.Equal("::1", entries[1].Address);
        Assert.Equal(["localhost", "ip6-localhost", "ip6-loopback"], entries[1].Names);
        Assert.Equal("172.17.0.2", entries[6].Address);
        Assert.Equal(["db", "079974f398a4", "hst-m-child"], entries[6].Names);
        Assert.Equal(["a576b3820edf"], entries[7].Names);
    }

    [Fact]
    public void Parse_CommentsBlankLinesAndCrLf_Ignored()
    {
        var entries = HostsFileParser.Parse("# managed\r\n\r\n10.0.0.1   web  www # the web\r\n   \n10.0.0.2\n");

        var entry = Assert.Single(entries);
        Assert.Equal("10.0.0.1", entry.Address);
        Assert.Equal(["web", "www"], entry.Names);
    }
}
