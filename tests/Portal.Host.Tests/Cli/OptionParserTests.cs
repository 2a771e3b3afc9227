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
            var options = OptionParser.Parse(["run", "--server", "http://10.20.30.1:5080", "--token-file", file, "--docker", "unix:///d.sock", "--allow-insecure-http"], NoEnvironment);

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
        var options = OptionParser.Parse(["run", "--server", "http://127.0.0.1:1", "--docker", "unix:///d.sock"], name => name == "PORTAL_AGENT_TOKEN" ? "t" : null);

        Assert.Equal("t", options.Token);
    }

    [Fact]
    public void Parse_RunWithoutHost_NoClaimTheServerNamesTheHost()
    {
        var options = OptionParser.Parse(["run", "--server", "http://127.0.0.1:5080", "--docker", "unix:///d.sock"], name => name == "PORTAL_AGENT_TOKEN" ? "t" : null);

        Assert.Null(options.Host);
        Assert.Null(options.State);
    }

    [Theory]
    [InlineData(null, 2.0)]
    [InlineData("0", 0.0)]
    [InlineData("0.5", 0.5)]
    public void Parse_RunCountersInterval_DefaultTwoSecondsZeroOff(string? given, double seconds)
    {
        string[] args = ["run", "--server", "http://127.0.0.1:5080", "--docker", "unix:///d.sock"];
        var options = OptionParser.Parse(given is null ? args : [.. args, "--counters-interval", given], name => name == "PORTAL_AGENT_TOKEN" ? "t" : null);

        Assert.Equal(TimeSpan.FromSeconds(seconds), options.CountersInterval);
    }

    [Fact]
    public void Parse_RunCountersIntervalFromEnvironment_UnlessGiven()
    {
        string[] args = ["run", "--server", "http://127.0.0.1:5080", "--docker", "unix:///d.sock"];
        string? Environment(string name) => name switch { "PORTAL_AGENT_TOKEN" => "t", "PORTAL_COUNTERS_INTERVAL" => "0", _ => null };

        Assert.Equal(TimeSpan.Zero, OptionParser.Parse(args, Environment).CountersInterval);
        Assert.Equal(TimeSpan.FromSeconds(5), OptionParser.Parse([.. args, "--counters-interval", "5"], Environment).CountersInterval);
    }

    [Theory]
    [InlineData("-1")]
    [InlineData("soon")]
    public void Parse_RunCountersIntervalNotSeconds_Refused(string given)
    {
        Assert.Throws<UsageException>(() => OptionParser.Parse(
            ["run", "--server", "http://127.0.0.1:5080", "--docker", "unix:///d.sock", "--counters-interval", given], name => name == "PORTAL_AGENT_TOKEN" ? "t" : null));
    }

    [Fact]
    public void Parse_RunWithHost_KeptAsTheClaimToCheck()
    {
        var options = OptionParser.Parse(["run", "--server", "http://127.0.0.1:5080", "--docker", "unix:///d.sock", "--host", "docker1"], name => name == "PORTAL_AGENT_TOKEN" ? "t" : null);

        Assert.Equal("docker1", options.Host);
    }

    [Fact]
    public void Parse_SnapshotWithoutHost_MachineName()
    {
        var options = OptionParser.Parse(["snapshot", "--docker", "unix:///d.sock"], NoEnvironment);

        Assert.Equal(Environment.MachineName, options.Host);
    }

    [Theory]
    [InlineData("http://10.20.30.1:5080")]
    [InlineData("http://portal.example.internal")]
    [InlineData("http://[fd00::1]:8080")]
    public void Parse_RunPlainHttpToAnotherMachine_RefusedNamingTheWayOut(string server)
    {
        var error = Assert.Throws<UsageException>(() => OptionParser.Parse(["run", "--server", server, "--docker", "unix:///d.sock"], Token));

        Assert.Contains("plain HTTP", error.Message);
        Assert.Contains("--allow-insecure-http", error.Message);
    }

    [Theory]
    [InlineData("http://127.0.0.1:5080")]
    [InlineData("http://127.0.0.53:5080")]
    [InlineData("http://localhost:5080")]
    [InlineData("http://[::1]:5080")]
    [InlineData("https://portal.example.internal")]
    public void Parse_RunLoopbackHttpOrHttps_Accepted(string server) =>
        Assert.Equal(new Uri(server), OptionParser.Parse(["run", "--server", server, "--docker", "unix:///d.sock"], Token).Server);

    [Fact]
    public void Parse_RunPlainHttpWithAllowInsecureHttp_Accepted() =>
        Assert.Equal(
            new Uri("http://10.20.30.1:5080"),
            OptionParser.Parse(["run", "--server", "http://10.20.30.1:5080", "--docker", "unix:///d.sock", "--allow-insecure-http"], Token).Server);

    [Fact]
    public void Parse_CaFileWithPlainHttp_Refused()
    {
        var error = Assert.Throws<UsageException>(() => OptionParser.Parse(
            ["run", "--server", "http://127.0.0.1:5080", "--docker", "unix:///d.sock", "--ca-file", "/etc/hostname"], Token));

        Assert.Contains("--ca-file needs an https:// server", error.Message);
    }

    [Fact]
    public void Parse_CaFileNotACertificate_RefusedNamingTheFile()
    {
        var file = Path.GetTempFileName();
        try
        {
            File.WriteAllText(file, "not a certificate\n");
            var error = Assert.Throws<UsageException>(() => OptionParser.Parse(
                ["run", "--server", "https://portal.example.internal", "--docker", "unix:///d.sock", "--ca-file", file], Token));

            Assert.StartsWith($"cannot read --ca-file {file}", error.Message);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public void Parse_CaFilePem_LoadsEveryCertificate()
    {
        var file = Path.GetTempFileName();
        try
        {
            File.WriteAllText(file, SelfSigned("CN=one").ExportCertificatePem() + "\n" + SelfSigned("CN=two").ExportCertificatePem());
            var options = OptionParser.Parse(["run", "--server", "https://portal.example.internal", "--docker", "unix:///d.sock", "--ca-file", file], Token);

            Assert.Equal(["CN=one", "CN=two"], options.Trust!.Authorities.Select(c => c.Subject));
        }
        finally
        {
            File.Delete(file);
        }
    }

    private static string? Token(string name) => name == "PORTAL_AGENT_TOKEN" ? "t" : null;

    private static System.Security.Cryptography.X509Certificates.X509Certificate2 SelfSigned(string subject)
    {
        using var key = System.Security.Cryptography.ECDsa.Create();
        return new System.Security.Cryptography.X509Certificates.CertificateRequest(subject, key, System.Security.Cryptography.HashAlgorithmName.SHA256)
            .CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
    }

    [Fact]
    public void Parse_Execute_SameOptionsAsSnapshot()
    {
        var options = OptionParser.Parse(["execute", "--docker", "unix:///d.sock", "--verbose"], NoEnvironment);

        Assert.Equal("execute", options.Command);
        Assert.Equal(Environment.MachineName, options.Host);
        Assert.True(options.Verbose);
    }

    [Fact]
    public void Parse_DockerFromEnvironment_ElseTheDefaultSocket()
    {
        Assert.Equal("/e.sock", OptionParser.Parse(["snapshot"], name => name == "PORTAL_DOCKER" ? "unix:///e.sock" : null).Docker.AbsolutePath);
        Assert.Equal("/var/run/docker.sock", OptionParser.Parse(["snapshot"], NoEnvironment).Docker.AbsolutePath);
    }

    [Fact]
    public void Parse_StateFromOptionBeforeEnvironment()
    {
        var options = OptionParser.Parse(
            ["run", "--server", "http://127.0.0.1:5080", "--token", "t", "--docker", "unix:///d.sock", "--state", "/s"],
            name => name == "PORTAL_AGENT_STATE" ? "/e" : null);

        Assert.Equal("/s", options.State);
    }

    [Theory]
    [InlineData("snapshot", "--docker")]
    [InlineData("snapshot", "--server", "http://127.0.0.1:1")]
    [InlineData("run", "--docker", "unix:///d.sock")]
    [InlineData("snapshot", "--docker", "tcp://1.2.3.4:2375")]
    [InlineData("snapshot", "--bogus", "x")]
    [InlineData("launch")]
    public void Parse_BadCommandLine_UsageError(params string[] args) =>
        Assert.Throws<UsageException>(() => OptionParser.Parse(args, NoEnvironment));
}
