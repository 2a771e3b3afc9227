using Portal.Contracts.Agent;
using Portal.Contracts.Commands;
using Portal.Contracts.Model;
using Portal.Contracts.PortalRules;

namespace Portal.Core.Tests.Wire;

/// <summary>
/// One of each message the agent sends or receives, every field set (and, where a field is optional, a second one
/// with it left out), every member of the closed sets used somewhere: what the JSON contract tests serialise.
/// </summary>
public static class WireMessages
{
    private static readonly DateTimeOffset At = new(2026, 11, 29, 19, 45, 12, 345, TimeSpan.Zero);

    public static readonly Bridge Bridge = new(
        "docker0", "bridge", "f00dcafe", "172.17.0.0/16", "172.17.0.1", Icc: false, Masquerade: true, 1500,
        [new BridgeInterface("veth1a2b", 7, "web", "eth0"), new BridgeInterface("veth3c4d", 9, null, null)]);

    public static readonly Container Container = new(
        "abc123", "web", "busybox:latest", "running", "web-host",
        [new Endpoint("bridge", "172.17.0.2", "02:42:ac:11:00:02", ["web", "www"], "172.17.0.1", "172.17.0.2", "ep1"), new Endpoint("backend", null, null, [])],
        [new PortBinding(80, "tcp", "0.0.0.0", 8080), new PortBinding(53, "udp", null, null)],
        ["80/tcp", "53/udp"],
        [new ContainerLink("db", "database")],
        [new EnvVariable("PATH", "/bin", EnvSource.Image), new EnvVariable("DB_PASSWORD", "***", EnvSource.User, Masked: true), new EnvVariable("DB_PORT", "tcp://172.17.0.3:5432", EnvSource.Link)],
        [new HostsEntry("172.17.0.3", ["db", "database"])],
        EnvTruncated: true,
        HostsTruncated: true);

    /// <summary>A rule per owner kind, so every wire string of the set is written.</summary>
    public static readonly IReadOnlyList<Rule> Rules = Enum.GetValues<RuleOwnerKind>()
        .Select((kind, i) => new Rule("filter", "FORWARD", i + 1, $"-A FORWARD -o docker0 -j ACCEPT -m comment --comment \"{kind} \\\"q\\\" é\"", new RuleOwner(kind, "web", "80/tcp", "bridge", "10.0.0.1", "10.0.0.2", "db", "parent")))
        .Append(new Rule("nat", "DOCKER", 1, "-A DOCKER -i docker0 -j RETURN", RuleOwner.Unknown))
        .ToList();

    public static readonly HostSnapshot Snapshot = new(
        "docker1", 42, At, "20.10.24", "nf_tables", [Bridge], [Container, Container with { Id = "def456", Name = "db", EnvTruncated = false, HostsTruncated = false }], Rules,
        Guid.Parse("0f8fad5b-d9cb-469f-a165-70867728950e"), 17);

    public static readonly HostSnapshot BareSnapshot = HostSnapshot.Empty("docker2");

    public static readonly HostDelta Delta = new(
        "docker1", 43, At, "20.10.25", [Bridge], [Container], ["def456"], [new ChainRules("filter", "FORWARD", Rules), new ChainRules("nat", "POSTROUTING", [])]);

    public static readonly HostDelta BareDelta = new("docker1", 44, At);

    public static readonly RuleChangeBatch Batch = new(
        "docker1", Guid.Parse("0f8fad5b-d9cb-469f-a165-70867728950e"), 18, At,
        [
            new RuleChange(At, "filter", "FORWARD", ChangeKind.Added, Rules[0].Text, Rules[0].Owner, new ChangeCause(CauseKind.Portal, "alice", 12, "connect", "web", "dockerd"), 3),
            new RuleChange(At, "nat", "DOCKER", ChangeKind.Removed, Rules[1].Text, RuleOwner.Unknown, new ChangeCause(CauseKind.Docker, Container: "web")),
            new RuleChange(At, "filter", "DOCKER-USER", ChangeKind.Added, "-A DOCKER-USER -j RETURN", RuleOwner.Unknown, ChangeCause.External),
        ]);

    public static readonly Portal.Contracts.Flows.FlowReport Flows = new(
        "docker1", Guid.Parse("7c9e6679-7425-40de-944b-e07fc1f90ae7"), 5,
        [
            new("web", "db", 5432, "tcp", "backend", 12, At, At.AddSeconds(0.4)),
            new("external:10.20.30.1", "web", 80, "tcp", null, 0, At, At),
        ]);
    public static readonly RuleCounterBatch Counters = new(
        "docker1", Full: false,
        [new RuleCounter("filter", "FORWARD", 1, Rules[0].Text, false, 12, 3400), new RuleCounter("filter", "FORWARD", 2, "-A FORWARD -j ACCEPT", true, long.MaxValue, 0)],
        [new RuleCounter("nat", "DOCKER", 4, Rules[1].Text, false, 0, 0)]);

    public static readonly RuleCounterBatch FullCounters = new("docker1", Full: true, []);

    public static readonly AgentHello Hello = new("docker1", AgentProtocol.Current);

    public static readonly AgentHello HelloWithoutHost = new(null);

    public static readonly AgentWelcome Welcome = new("docker1");

    public static readonly CommandResult Done = CommandResult.Done(["docker network connect bridge web", "iptables-restore"]);

    public static readonly CommandResult Refused = CommandResult.Refused(409, "web: locked by intent 7 \"quoted\"");

    /// <summary>One command of each kind, as the server sends them (every field set).</summary>
    public static readonly IReadOnlyList<AgentCommand> Commands =
    [
        new RecreateContainerCommand("web", [new LinkSpec("db", "database")], ["old"], [new PortSpec(80, "tcp", 8080, "0.0.0.0")], [new PortSpec(53, "udp", 5353, null)]) { Intent = 1, User = "alice" },
        new CreateNetworkCommand("backend", "10.5.0.0/24", "10.5.0.1", Icc: false, Masquerade: true, 1400) { Intent = 2, User = "bob" },
        new CreateNetworkCommand("plain", null, null, Icc: true, Masquerade: false, null),
        new RemoveNetworkCommand("backend") { Intent = 3 },
        new ConnectCommand("backend", "web", "api", "10.5.0.9", [new LinkSpec("db", "database")]) { Intent = 4, User = "carol" },
        new ConnectCommand("backend", "web", null, null),
        new DisconnectCommand("backend", "web") { Intent = 5 },
        new ApplyPortalRulesCommand(new PortalRuleSet([new PortalBridgePolicy("br-1", false)], [new PortalLinkPair("br-1", "10.5.0.2", "10.5.0.3", 5432, "tcp")])) { Intent = 6 },
        new RemoveStaleRulesCommand(["-A DOCKER -d 172.17.0.9/32 -j ACCEPT"]) { Intent = 7, User = "dave" },
    ];

    public static TheoryData<int> CommandIndexes => [.. Enumerable.Range(0, Commands.Count)];
}
