using Portal.Contracts.Model;
using Portal.Contracts.Wire;
using Portal.Core.Audit;

namespace Portal.Core.Tests.History;

public sealed class CauseAttributorTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 27, 12, 0, 0, TimeSpan.Zero);
    private static readonly RuleOwner WebPort = new(RuleOwnerKind.Port, Container: "web", Port: "8080/tcp");
    private const string Dnat = "-A DOCKER ! -i docker0 -p tcp -m tcp --dport 8080 -j DNAT --to-destination 172.17.0.2:80";

    [Fact]
    public void ChangeInsideAPortalCommandForItsContainer_IsThePortalsWithItsUser()
    {
        var command = new CommandWindow(7, "alice", T0, T0.AddSeconds(1), new HashSet<string> { "web" }, new HashSet<string>());
        var events = new[] { new EngineEvent(T0.AddMilliseconds(300), "container", "start", "web", null) };

        var cause = CauseAttributor.Attribute(T0.AddMilliseconds(400), "nat", Dnat, WebPort, "dockerd", [command], events);

        Assert.Equal(new ChangeCause(CauseKind.Portal, User: "alice", Intent: 7), cause);
    }

    [Fact]
    public void OverlappingPortalCommands_TheNewestClaimingTheRuleIsTheCause()
    {
        // Creating a network, cutting its ICC and restoring it in quick succession: each window stays open (settle time)
        // while the next command writes into the portal's chain, which every one of them owns by kind; ICC off's plan
        // names the DROP that ICC on then removes.
        const string drop = "-A PORTAL-ICC -i br-81aa08d0c6a6 -o br-81aa08d0c6a6 -j DROP";
        const string accept = "-A PORTAL-ICC -i br-81aa08d0c6a6 -o br-81aa08d0c6a6 -j ACCEPT";
        var create = new CommandWindow(1, "alice", T0, T0.AddMilliseconds(500), new HashSet<string>(), new HashSet<string>());
        var off = new CommandWindow(2, "alice", T0.AddMilliseconds(700), T0.AddMilliseconds(900), new HashSet<string>(), new HashSet<string> { drop });
        var on = new CommandWindow(3, "alice", T0.AddMilliseconds(1000), T0.AddMilliseconds(1200), new HashSet<string>(), new HashSet<string> { accept });
        var portalChain = new RuleOwner(RuleOwnerKind.Portal);

        Assert.Equal(2, CauseAttributor.Attribute(T0.AddMilliseconds(800), "filter", drop, portalChain, "iptables-restore", [create, off], []).Intent);
        Assert.Equal(2, CauseAttributor.Attribute(T0.AddMilliseconds(800), "filter", drop, portalChain, "iptables-restore", [off, create], []).Intent);
        Assert.Equal(3, CauseAttributor.Attribute(T0.AddMilliseconds(1100), "filter", drop, portalChain, "iptables-restore", [create, off, on], []).Intent);
        Assert.Equal(3, CauseAttributor.Attribute(T0.AddMilliseconds(1100), "filter", accept, portalChain, "iptables-restore", [on, off, create], []).Intent);
    }

    [Fact]
    public void DockerWriteNearAnEventOfTheOwner_IsDockersWithActionAndContainer()
    {
        var events = new[]
        {
            new EngineEvent(T0, "container", "start", "other", null),
            new EngineEvent(T0.AddMilliseconds(100), "container", "start", "web", null),
        };

        var cause = CauseAttributor.Attribute(T0.AddMilliseconds(150), "nat", Dnat, WebPort, "dockerd", [], events);

        Assert.Equal(new ChangeCause(CauseKind.Docker, Action: "start", Container: "web"), cause);
    }

    [Fact]
    public void ChangeOutsideTheCommandWindow_IsNotThePortals()
    {
        var command = new CommandWindow(7, "alice", T0, T0.AddSeconds(1), new HashSet<string> { "web" }, new HashSet<string>());

        var cause = CauseAttributor.Attribute(T0.AddSeconds(10), "nat", Dnat, WebPort, "iptables", [command], []);

        Assert.Equal(new ChangeCause(CauseKind.External, Process: "iptables"), cause);
    }

    [Fact]
    public void ManualIptables_IsExternalWithTheProcessEvenNearDockerEvents()
    {
        var events = new[] { new EngineEvent(T0, "container", "start", "web", null) };

        var cause = CauseAttributor.Attribute(T0.AddMilliseconds(100), "filter", "-A INPUT -j ACCEPT", RuleOwner.Unknown, "iptables", [], events);

        Assert.Equal("external", WireName.Of(cause.Kind));
        Assert.Equal("iptables", cause.Process);
    }

    [Fact]
    public void NetworkRuleNearANetworkEvent_IsDockers()
    {
        var events = new[] { new EngineEvent(T0, "network", "create", null, "appnet") };
        var owner = new RuleOwner(RuleOwnerKind.Masquerade, Network: "appnet");

        var cause = CauseAttributor.Attribute(T0.AddMilliseconds(50), "nat", "-A POSTROUTING -s 172.30.0.0/24 ! -o br-1 -j MASQUERADE", owner, "dockerd", [], events);

        Assert.Equal(new ChangeCause(CauseKind.Docker, Action: "create"), cause);
    }

    [Fact]
    public void PredictedRuleWithoutContainerOwner_IsStillThePortals()
    {
        const string rule = "-A PORTAL-ICC -i docker0 -o docker0 -j DROP";
        var command = new CommandWindow(3, "bob", T0, null, new HashSet<string>(), new HashSet<string> { rule });

        var cause = CauseAttributor.Attribute(T0.AddMilliseconds(20), "filter", rule, RuleOwner.Unknown, "iptables-restor", [command], []);

        Assert.Equal(new ChangeCause(CauseKind.Portal, User: "bob", Intent: 3), cause);
    }
}
