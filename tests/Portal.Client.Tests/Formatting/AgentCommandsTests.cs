using Portal.Client.Formatting;

namespace Portal.Client.Tests.Formatting;

public sealed class AgentCommandsTests
{
    [Fact]
    public void Run_HttpsOrigin_TheDocumentedCommandLineWithATokenFile() =>
        Assert.Equal(
            "Portal.Host run --server https://portal.example.org --token-file /etc/portal-agent/token --docker unix:///var/run/docker.sock",
            AgentCommands.Run("https://portal.example.org"));

    [Fact]
    public void Run_PlainHttpToAnotherMachine_SaysItIsAllowed() =>
        Assert.Equal(
            "Portal.Host run --server http://10.20.30.1:5080 --token-file /etc/portal-agent/token --docker unix:///var/run/docker.sock --allow-insecure-http",
            AgentCommands.Run("http://10.20.30.1:5080"));

    [Fact]
    public void Run_PlainHttpOnLoopback_NoFlagNeeded() =>
        Assert.DoesNotContain("--allow-insecure-http", AgentCommands.Run("http://127.0.0.1:5080"));

    [Fact]
    public void SaveToken_Token_RootOnlyFileWrittenByTheShellsPrintf() =>
        Assert.Equal(
            "printf '%s\\n' 'T0K-_x' | install -D -m 600 /dev/stdin /etc/portal-agent/token",
            AgentCommands.SaveToken("T0K-_x", AgentCommands.TokenFile));

    [Fact]
    public void Lab_LocalhostOrigin_AgentInNamespaceReachesServerOnLabBridge() =>
        Assert.Equal(
            "nsenter --net=/var/run/netns/docker2 Portal.Host run --server http://10.20.30.1:5080 --token-file /etc/portal-agent/docker2.token " +
            "--docker unix:///var/lib/portal-lab/docker2/docker.sock --allow-insecure-http",
            AgentCommands.Lab("http://localhost:5080", "docker2"));

    [Theory]
    [InlineData("https://portal.example.org")]
    [InlineData("http://10.20.30.1:5080")]
    public void Commands_NeverCarryTheTokenOnTheCommandLine(string origin)
    {
        Assert.DoesNotContain("--token ", AgentCommands.Run(origin));
        Assert.DoesNotContain("--token ", AgentCommands.Lab(origin, "docker1"));
    }
}
