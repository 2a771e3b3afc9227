using Portal.Contracts.Model;
using Portal.Contracts.Wire;
using Portal.Core.Audit;
using Portal.Core.Iptables;
using Portal.Core.Ownership;
using Portal.Host.Audit;
using Portal.Host.Docker;
using Portal.Host.Iptables;

namespace Portal.Host.Tests.Audit;

/// <summary>How the agent feeds Core's CauseAttributor: writers from xtables-monitor, engine events, portal windows.</summary>
public sealed class AttributionTests
{
    private static readonly DateTimeOffset Now = DateTimeOffset.UtcNow;

    private static readonly Bridge Docker0 = new("docker0", "bridge", "n1", "172.17.0.0/16", "172.17.0.1", false, true, 1500, []);

    private static readonly Container Web = new(
        "c1full", "web", "busybox", "running", "web",
        [new Endpoint("bridge", "172.17.0.2", "02:42:ac:11:00:02", [])],
        [new PortBinding(80, "tcp", "0.0.0.0", 8080)], ["80/tcp"], [], [], []);

    private static readonly RuleOwnerResolver Owners = new([Docker0], [Web]);

    private static RuleObservation Observe(string before, string after, params XtablesBatch[] transactions)
    {
        var b = Rules.Parse(before);
        var a = Rules.Parse(after);
        return new RuleObservation(Now, b, a, RulesetDiffer.Diff(b, a), transactions);
    }

    private static XtablesBatch Transaction(string process, string? parent, string command, string table, string rule, bool gap = false) =>
        new(42, 1234, process, [XtablesMonitorParser.ParseEvent($"-4 -t {table} {command} {rule[3..]}")], Now.AddMilliseconds(-30), parent, gap);

    private static EngineEventLog Events(params DockerEvent[] events)
    {
        var log = new EngineEventLog();
        foreach (var e in events)
        {
            log.Add(e);
        }

        return log;
    }

    private static IReadOnlyList<RuleChange> Record(RuleObservation observation, EngineEventLog? events = null, params CommandWindow[] windows) =>
        TransitionRecorder.Record(observation, Owners, Owners, (events ?? Events()).Recent(), windows);

    [Fact]
    public void Record_DockerdChildWrote_DockerWithContainerOfItsEvent()
    {
        var observation = Observe(Rules.Save(), Rules.Save([Rules.Dnat]), Transaction("dockerd", "dockerd", "-A", "nat", Rules.Dnat));
        var events = Events(new DockerEvent(Now.AddMilliseconds(-200), "container", "start", "c1full", "web"));

        var change = Assert.Single(Record(observation, events));

        Assert.Equal(new ChangeCause(CauseKind.Docker, Action: "start", Container: "web"), change.Cause);
        Assert.Equal((RuleOwnerKind.Port, "web", 2), (change.Owner.Kind, change.Owner.Container, change.Index));
        Assert.Equal(Now.AddMilliseconds(-30), change.At);
    }

    [Fact]
    public void Record_IptablesExitedBeforeParentSeen_NoEvent_ExternalNamedIptables()
    {
        var observation = Observe(Rules.Save(), Rules.Save(auditChain: [Rules.Manual]), Transaction("iptables", null, "-A", "filter", Rules.Manual));

        var change = Assert.Single(Record(observation));

        Assert.Equal(new ChangeCause(CauseKind.External, Process: "iptables"), change.Cause);
        Assert.Equal(("filter", "aud-test", ChangeKind.Added, 1), (change.Table, change.Chain, change.Change, change.Index));
    }

    [Fact]
    public void Record_IptablesExitedBeforeParentSeen_OwnersEvent_Docker()
    {
        var observation = Observe(Rules.Save(), Rules.Save([Rules.Dnat]), Transaction("iptables", null, "-A", "nat", Rules.Dnat));
        var events = Events(new DockerEvent(Now.AddSeconds(-1), "container", "start", "c1full", "web"));

        Assert.Equal("docker", WireName.Of(Assert.Single(Record(observation, events)).Cause.Kind));
    }

    [Fact]
    public void Record_IptablesRunByAShellDuringAnEvent_External()
    {
        var observation = Observe(Rules.Save(), Rules.Save([Rules.Dnat]), Transaction("iptables", "bash", "-A", "nat", Rules.Dnat));
        var events = Events(new DockerEvent(Now.AddSeconds(-1), "container", "start", "c1full", "web"));

        Assert.Equal(new ChangeCause(CauseKind.External, Process: "iptables"), Assert.Single(Record(observation, events)).Cause);
    }

    [Fact]
    public void Record_NetworkConnectNamesContainerById_DockerWithThatContainer()
    {
        var observation = Observe(Rules.Save(), Rules.Save([Rules.Dnat]));
        var events = Events(
            new DockerEvent(Now.AddSeconds(-1.5), "container", "create", "c1full", "web"),
            new DockerEvent(Now.AddSeconds(-1), "network", "connect", "n1", "bridge", "c1full"));

        var change = Assert.Single(Record(observation, events));

        Assert.Equal(new ChangeCause(CauseKind.Docker, Action: "connect", Container: "web"), change.Cause);
    }

    [Fact]
    public void Record_PortalCommandWindowPredictsRule_PortalWithUserAndIntent()
    {
        var observation = Observe(Rules.Save(), Rules.Save([Rules.Dnat]), Transaction("iptables-restor", "Portal.Host", "-A", "nat", Rules.Dnat));
        var window = new CommandWindow(17, "alice", Now.AddSeconds(-1), null, new HashSet<string>(), new HashSet<string> { Rules.Dnat });

        var change = Assert.Single(Record(observation, null, window));

        Assert.Equal(new ChangeCause(CauseKind.Portal, User: "alice", Intent: 17), change.Cause);
    }

    [Fact]
    public void Record_PollingNoWriter_NoEvent_ExternalWithoutProcess()
    {
        var observation = Observe(Rules.Save(auditChain: [Rules.Manual]), Rules.Save());

        var change = Assert.Single(Record(observation));

        Assert.Equal(ChangeCause.External, change.Cause);
        Assert.Equal((ChangeKind.Removed, 1), (change.Change, change.Index));
    }

    [Fact]
    public void Record_GapBeforeTheOnlyTransaction_UnmatchedRuleKeepsWriterUnknown()
    {
        // The manual rule's own transaction was missed; the one seen is dockerd's, about another rule.
        var observation = Observe(
            Rules.Save(),
            Rules.Save([Rules.Dnat], auditChain: [Rules.Manual]),
            Transaction("dockerd", "dockerd", "-A", "nat", Rules.Dnat, gap: true));

        var manual = Record(observation).Single(c => c.Text == Rules.Manual);

        Assert.Equal(ChangeCause.External, manual.Cause);
    }

    [Fact]
    public void Record_OtherTables_NotRecorded()
    {
        var observation = Observe(
            Rules.Save().Replace("*mangle\n:PREROUTING ACCEPT [0:0]\n", "*mangle\n:PREROUTING ACCEPT [0:0]\n-A PREROUTING -j MARK --set-mark 1\n"),
            Rules.Save());

        Assert.Empty(Record(observation));
    }

    [Fact]
    public void EngineEventLog_OlderThanTwoMinutes_Forgotten()
    {
        var log = Events(
            new DockerEvent(Now.AddMinutes(-3), "container", "start", "c0", "old"),
            new DockerEvent(Now.AddSeconds(-90), "container", "stop", "c1full", "web"));

        Assert.Equal(["web"], log.Recent().Select(e => e.Container));
    }
}
