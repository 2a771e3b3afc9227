using Portal.Client.Formatting;

namespace Portal.Client.Tests.Formatting;

public sealed class AgentCommandsTests
{
    [Fact]
    public void Run_Origin_TheDocumentedCommandLine() =>
        Assert.Equal(
            "Portal.Host run --server http://10.20.30.1:5080 --token T0K --docker unix:///var/run/docker.sock --host docker1",
            AgentCommands.Run("http://10.20.30.1:5080", "T0K", "docker1"));

    [Fact]
    public void Lab_LocalhostOrigin_AgentInNamespaceReachesServerOnLabBridge() =>
        Assert.Equal(
            "nsenter --net=/var/run/netns/docker2 Portal.Host run --server http://10.20.30.1:5080 --token T0K " +
            "--docker unix:///var/lib/portal-lab/docker2/docker.sock --host docker2",
            AgentCommands.Lab("http://localhost:5080", "T0K", "docker2"));
}
