using Portal.Host.Cli;

namespace Portal.Host.Tests.Cli;

public sealed class OptionParserTests
{
    private static readonly Func<string, string?> NoEnvironment = _ => null;

    [Fact]
    public void Parse_Snapshot_DockerAndHost()
    {
        var options = OptionParser.Parse(["snapshot", "--docker", "unix:///var/lib/portal-lab/docker1/docker.sock", "--host", "docker1"], NoEnvironment);

        Assert.Equal("snapshot", options.Command);
        Assert.Equal("/var/lib/portal-lab/docker1/docker.sock", options.Docker.AbsolutePath);
        Assert.Equal("docker1", options.Host);
    }

    [Fact]
    public void Parse_HostFromEnvironment_WhenNotGiven()
    {
        var options = OptionParser.Parse(["snapshot", "--docker", "unix:///d.sock"], name => name == "PORTAL_HOST" ? "docker2" : null);

        Assert.Equal("docker2", options.Host);
    }

    [Fact]
    public void Parse_RunWithTokenFile_ReadsTrimmedToken()
    {
        var file = Path.GetTempFileName();
        try
        {
            File.WriteAllText(file, "s3cret\n");
            var options = OptionParser.Parse(["run", "--server", "http://10.20.30.1:5080", "--token-file", file, "--docker", "unix:///d.sock"], NoEnvironment);

            Assert.Equal("s3cret", options.Token);
            Assert.Equal(new Uri("http://10.20.30.1:5080"), options.Server);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public void Parse_RunTokenFromEnvironment_Accepted()
    {
        var options = OptionParser.Parse(["run", "--server", "http://x:1", "--docker", "unix:///d.sock"], name => name == "PORTAL_AGENT_TOKEN" ? "t" : null);

        Assert.Equal("t", options.Token);
    }

    [Theory]
    [InlineData("run", "--docker", "unix:///d.sock")]
    [InlineData("snapshot", "--docker", "tcp://1.2.3.4:2375")]
    [InlineData("snapshot", "--bogus", "x")]
    [InlineData("launch")]
    public void Parse_BadCommandLine_UsageError(params string[] args) =>
        Assert.Throws<UsageException>(() => OptionParser.Parse(args, NoEnvironment));
}
