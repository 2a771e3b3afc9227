using Portal.Core.Model;
using Portal.Host.Docker;
using Portal.Host.Iptables;

namespace Portal.Host.Tests.Iptables;

public sealed class CauseAttributorTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 27, 12, 0, 0, TimeSpan.Zero);
    private static readonly RuleOwner WebPort = new(RuleOwnerKind.Port, Container: "web", Port: "8080/tcp");

    private static XtablesBatch Writer(string process) =>
        new(7, 100, process, [new XtablesRuleEvent("-4 -t nat -A DOCKER -j RETURN", "-4", "nat", "A", "DOCKER", "-A DOCKER -j RETURN")]);

    private static DockerEvent Start(string name, double secondsAgo) =>
        new(Now.AddSeconds(-secondsAgo), "container", "start", "id-" + name, name);

    [Fact]
    public void Attribute_DockerdWriter_DockerWithOwnersEvent()
    {
        var cause = CauseAttributor.Attribute(Now, WebPort, [Writer("dockerd")], [Start("db", 0.1), Start("web", 0.5)]);

        Assert.Equal(new ChangeCause("docker", Action: "start", Container: "web"), cause);
    }

    [Fact]
    public void Attribute_OwnerContainerEventInWindow_Docker()
    {
        var cause = CauseAttributor.Attribute(Now, WebPort, [Writer("iptables")], [Start("web", 1.5)]);

        Assert.Equal("docker", cause.Kind);
        Assert.Equal("web", cause.Container);
    }

    [Fact]
    public void Attribute_UnknownRuleByIptablesNoEvents_ExternalWithProcess()
    {
        var cause = CauseAttributor.Attribute(Now, RuleOwner.Unknown, [Writer("iptables")], []);

        Assert.Equal(new ChangeCause("external", Process: "iptables"), cause);
    }

    [Fact]
    public void Attribute_EventOutsideWindow_External()
    {
        var cause = CauseAttributor.Attribute(Now, WebPort, [Writer("nft")], [Start("web", 5)]);

        Assert.Equal("external", cause.Kind);
        Assert.Equal("nft", cause.Process);
    }

    [Fact]
    public void Attribute_UnknownRuleInDockerUserDuringEvent_StaysExternal()
    {
        var cause = CauseAttributor.Attribute(Now, new RuleOwner(RuleOwnerKind.DockerUser), [Writer("iptables")], [Start("web", 0.2)]);

        Assert.Equal("external", cause.Kind);
    }
}
