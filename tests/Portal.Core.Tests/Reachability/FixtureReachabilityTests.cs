using Portal.Contracts.Model;
using Portal.Contracts.Reachability;
using Portal.Core.Iptables;
using Portal.Core.Ownership;
using Portal.Core.Reachability;
using Portal.Core.Tests.Support;

namespace Portal.Core.Tests.Reachability;

/// <summary>
/// The walker on the committed 20.10 captures (Fixtures/README.md): stage 05 has ICC off on both bridges, the stale
/// link whose ACCEPT pairs now name fix-filler, published ports, and two bridges isolated from each other.
/// </summary>
public sealed class FixtureReachabilityTests
{
    private const string HostAddress = "10.20.30.100";

    [Fact]
    public void Ask_ClientToWebAfterRestart_IsBlockedByTheIccDrop()
    {
        var answer = Ask("05-stale-link.txt", "fix-client", "fix-web", 80);

        Assert.Equal(ReachabilityVerdict.Blocked, answer.Verdict);
        Assert.Equal("-A FORWARD -i docker0 -o docker0 -j DROP", answer.DecidedBy!.Rule);
        Assert.Equal(RuleOwnerKind.Icc, answer.DecidedBy.Owner!.Kind);
        Assert.Contains(answer.Path, s => s.Table == "routing" && s.Rule!.Contains("bridged on docker0", StringComparison.Ordinal));
    }

    [Fact]
    public void Ask_ClientToFillerOnTheLinkPort_IsAllowedByTheStaleLinkRule()
    {
        var answer = Ask("05-stale-link.txt", "fix-client", "fix-filler", 80);

        Assert.Equal(ReachabilityVerdict.Allowed, answer.Verdict);
        Assert.Equal("-A DOCKER -s 172.17.0.4/32 -d 172.17.0.2/32 -i docker0 -o docker0 -p tcp -m tcp --dport 80 -j ACCEPT", answer.DecidedBy!.Rule);
        Assert.Equal(RuleOwnerKind.Link, answer.DecidedBy.Owner!.Kind);
        Assert.Equal("stale", answer.DecidedBy.Owner.Role);
        Assert.Equal(
            ["FORWARD", "DOCKER-USER", "FORWARD", "DOCKER-ISOLATION-STAGE-1", "FORWARD", "DOCKER"],
            answer.Path.Where(s => s.Table == "filter").Select(s => s.Chain));
        Assert.Equal("container fix-filler 172.17.0.2:80", answer.DeliveredTo);
    }

    [Fact]
    public void Ask_ClientToFillerOnUdp53_IsAllowedAndOn81Blocked()
    {
        Assert.Equal(ReachabilityVerdict.Allowed, Ask("05-stale-link.txt", "fix-client", "fix-filler", 53, TransportProtocol.Udp).Verdict);
        Assert.Equal(ReachabilityVerdict.Blocked, Ask("05-stale-link.txt", "fix-client", "fix-filler", 53).Verdict);
        Assert.Equal(ReachabilityVerdict.Blocked, Ask("05-stale-link.txt", "fix-client", "fix-filler", 81).Verdict);
    }

    [Fact]
    public void Ask_FillerToClientOnThePortOfTheReplyRule_IsBlocked()
    {
        // The pair's second rule matches --sport 80: replies, never a first packet from an ephemeral port.
        var answer = Ask("05-stale-link.txt", "fix-filler", "fix-client", 80);

        Assert.Equal(ReachabilityVerdict.Blocked, answer.Verdict);
        Assert.Equal("-A FORWARD -i docker0 -o docker0 -j DROP", answer.DecidedBy!.Rule);
    }

    [Fact]
    public void Ask_AcrossBridges_IsBlockedByIsolation()
    {
        var answer = Ask("05-stale-link.txt", "fix-api", "fix-web", 80);

        Assert.Equal(ReachabilityVerdict.Blocked, answer.Verdict);
        Assert.Equal("-A DOCKER-ISOLATION-STAGE-2 -o docker0 -j DROP", answer.DecidedBy!.Rule);
        Assert.Equal(RuleOwnerKind.Isolation, answer.DecidedBy.Owner!.Kind);
    }

    [Fact]
    public void Ask_WithinTheUserNetworkWithIccOff_IsBlocked()
    {
        var answer = Ask("05-stale-link.txt", "fix-db", "fix-api", 80);

        Assert.Equal(ReachabilityVerdict.Blocked, answer.Verdict);
        Assert.EndsWith("-o br-aa5d7cacb7b6 -j DROP", answer.DecidedBy!.Rule, StringComparison.Ordinal);
    }

    [Fact]
    public void Ask_OutsideToThePublishedPort_IsTranslatedAndAllowed()
    {
        var answer = Ask("05-stale-link.txt", PacketSource.FromExternal(Address("10.20.30.1")), PacketTarget.FromAddress(Address(HostAddress)), 8080);

        Assert.Equal(ReachabilityVerdict.Allowed, answer.Verdict);
        var translation = Assert.Single(answer.Translations);
        Assert.Equal(("dnat", "10.20.30.100:8080", "172.17.0.5:80"), (translation.Kind, translation.Before, translation.After));
        Assert.Equal("-A DOCKER ! -i docker0 -p tcp -m tcp --dport 8080 -j DNAT --to-destination 172.17.0.5:80", translation.Rule);
        Assert.Equal("-A DOCKER -d 172.17.0.5/32 ! -i docker0 -o docker0 -p tcp -m tcp --dport 80 -j ACCEPT", answer.DecidedBy!.Rule);
        Assert.Equal(new RuleOwner(RuleOwnerKind.Port, "fix-web", "8080/tcp", "bridge"), answer.DecidedBy.Owner);
        Assert.Equal("container fix-web 172.17.0.5:80", answer.DeliveredTo);
    }

    [Fact]
    public void Ask_OutsideToAnUnpublishedContainer_IsBlockedByTheForwardPolicy()
    {
        var answer = Ask("05-stale-link.txt", PacketSource.FromExternal(Address("10.20.30.1")), PacketTarget.FromAddress(Address("172.17.0.4")), 80);

        Assert.Equal(ReachabilityVerdict.Blocked, answer.Verdict);
        Assert.Equal(new PathStep("filter", "FORWARD", "-P FORWARD DROP", null, StepResult.Policy), answer.DecidedBy);
    }

    [Fact]
    public void Ask_OutsideToThePortPublishedOnLoopbackOnly_IsNotTranslated()
    {
        var answer = Ask("05-stale-link.txt", PacketSource.FromExternal(Address("10.20.30.1")), PacketTarget.FromAddress(Address(HostAddress)), 9090);

        Assert.Equal(ReachabilityVerdict.Allowed, answer.Verdict);
        Assert.Empty(answer.Translations);
        Assert.Equal("host 10.20.30.100:9090", answer.DeliveredTo);
        Assert.Equal("-P INPUT ACCEPT", answer.DecidedBy!.Rule);
    }

    [Fact]
    public void Ask_OutsideToPublishedUdp_IsTranslatedToTheContainer()
    {
        var answer = Ask("05-stale-link.txt", PacketSource.FromExternal(Address("10.20.30.1")), PacketTarget.FromAddress(Address(HostAddress)), 5353, TransportProtocol.Udp);

        Assert.Equal(ReachabilityVerdict.Allowed, answer.Verdict);
        Assert.Equal("172.17.0.5:53", Assert.Single(answer.Translations).After);
    }

    [Fact]
    public void Ask_HostToContainer_GoesThroughOutputNotForward()
    {
        var answer = Ask("05-stale-link.txt", PacketSource.Host, PacketTarget.FromContainer("fix-api"), 80);

        Assert.Equal(ReachabilityVerdict.Allowed, answer.Verdict);
        Assert.DoesNotContain(answer.Path, s => s.Chain == "FORWARD");
        Assert.Equal("-P OUTPUT ACCEPT", answer.DecidedBy!.Rule);
    }

    [Fact]
    public void Ask_HostToItsOwnPublishedPort_IsTranslatedInNatOutput()
    {
        var answer = Ask("05-stale-link.txt", PacketSource.Host, PacketTarget.FromAddress(Address(HostAddress)), 8081);

        Assert.Equal(ReachabilityVerdict.Allowed, answer.Verdict);
        var translation = Assert.Single(answer.Translations);
        Assert.Equal(("nat", "DOCKER", "172.30.0.2:80"), (translation.Table, translation.Chain, translation.After));
        Assert.Equal("container fix-api 172.30.0.2:80", answer.DeliveredTo);
    }

    [Fact]
    public void Ask_IccOffWithLinkAtStage03_IsAllowedByTheLinkAndNotTheReverse()
    {
        Assert.Equal(ReachabilityVerdict.Allowed, Ask("03-link.txt", "fix-client", "fix-filler", 9001).Verdict);
        Assert.Equal(ReachabilityVerdict.Blocked, Ask("03-link.txt", "fix-filler", "fix-client", 9001).Verdict);
    }

    [Fact]
    public void Ask_SetMatchInDockerUser_IsUndeterminedNamingTheRule()
    {
        const string rule = "-A DOCKER-USER -m set --match-set blocked src -j DROP";
        var answer = Ask(WithDockerUser(rule), "fix-client", "fix-filler", 80);

        Assert.Equal(ReachabilityVerdict.Undetermined, answer.Verdict);
        Assert.Equal(rule, answer.DecidedBy!.Rule);
        Assert.Contains("--match-set", answer.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Ask_SetMatchThatAnotherMatchRulesOut_IsNotUndetermined()
    {
        // -p udp is false for a TCP packet: the set's content does not matter.
        var answer = Ask(WithDockerUser("-A DOCKER-USER -p udp -m set --match-set blocked src -j DROP"), "fix-client", "fix-filler", 80);

        Assert.Equal(ReachabilityVerdict.Allowed, answer.Verdict);
    }

    [Fact]
    public void Ask_MarkSetThenMatched_Drops()
    {
        var answer = Ask(
            WithDockerUser("-A DOCKER-USER -s 172.17.0.4/32 -j MARK --set-xmark 0x10/0xffffffff", "-A DOCKER-USER -m mark --mark 0x10/0x10 -j DROP"),
            "fix-client", "fix-filler", 80);

        Assert.Equal(ReachabilityVerdict.Blocked, answer.Verdict);
        Assert.Equal("-A DOCKER-USER -m mark --mark 0x10/0x10 -j DROP", answer.DecidedBy!.Rule);
        Assert.Equal(ReachabilityVerdict.Allowed, Ask(
            WithDockerUser("-A DOCKER-USER -s 172.17.0.9/32 -j MARK --set-xmark 0x10/0xffffffff", "-A DOCKER-USER -m mark --mark 0x10/0x10 -j DROP"),
            "fix-client", "fix-filler", 80).Verdict);
    }

    [Fact]
    public void Ask_DockerUserDenyWithMultiportAndComment_Blocks()
    {
        const string rule = "-A DOCKER-USER -d 172.17.0.2/32 -p tcp -m multiport --dports 22,80:90 -m comment --comment \"no web\" -j REJECT --reject-with icmp-port-unreachable";

        var answer = Ask(WithDockerUser(rule), "fix-client", "fix-filler", 85);

        Assert.Equal(ReachabilityVerdict.Blocked, answer.Verdict);
        Assert.Equal(StepResult.Reject, answer.DecidedBy!.Result);
        Assert.Equal(ReachabilityVerdict.Allowed, Ask(WithDockerUser(rule.Replace("-d 172.17.0.2/32", "! -d 172.17.0.2/32", StringComparison.Ordinal)), "fix-client", "fix-filler", 80).Verdict);
    }

    [Fact]
    public void Ask_EstablishedOnlyAccept_DoesNotMatchTheFirstPacket()
    {
        var answer = Ask(WithDockerUser("-A DOCKER-USER -m state --state ESTABLISHED -j ACCEPT"), "fix-db", "fix-api", 80);

        Assert.Equal(ReachabilityVerdict.Blocked, answer.Verdict);
    }

    [Fact]
    public void Ask_ChainsThatLoop_AreUndeterminedNotEndless()
    {
        // iptables-restore refuses this; a snapshot's rules are only text, so the walker guards itself.
        var dump = Captures.Fixture("05-stale-link.txt").Replace("-A DOCKER-USER -j RETURN\n", "-A DOCKER-USER -j DOCKER-USER\n", StringComparison.Ordinal);

        var answer = Ask(dump, "fix-client", "fix-filler", 80);

        Assert.Equal(ReachabilityVerdict.Undetermined, answer.Verdict);
        Assert.Contains("a loop?", answer.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Ask_WithoutPolicies_IsUndeterminedWhereAPolicyWouldDecide()
    {
        var snapshot = Snapshot(Captures.Fixture("05-stale-link.txt")) with { Policies = null };

        var answer = ReachabilityModel.From(snapshot).Ask(new ReachabilityQuery(
            PacketSource.FromExternal(Address("10.20.30.1")), PacketTarget.FromAddress(Address("172.17.0.4")), 80, TransportProtocol.Tcp));

        Assert.Equal(ReachabilityVerdict.Undetermined, answer.Verdict);
        Assert.Contains("is not known (the agent did not report chain policies)", answer.Reason, StringComparison.Ordinal);
        Assert.StartsWith("-P ", answer.DecidedBy!.Rule, StringComparison.Ordinal);
    }

    [Fact]
    public void Ask_DockersFilterChainEmpty_IsJumpedThroughAndTheIccDropDecides()
    {
        // A host with no published port and no link: iptables-save declares filter DOCKER but lists no rule of it, so
        // the snapshot has none; the jump to it returns at once (iptables refuses a jump to a chain that does not exist).
        var dump = WithoutFilterRules("DOCKER");

        var answer = Ask(dump, "fix-db", "fix-api", 80);
        var stale = Ask(dump, "fix-client", "fix-filler", 80);

        Assert.Equal(ReachabilityVerdict.Blocked, answer.Verdict);
        Assert.EndsWith("-o br-aa5d7cacb7b6 -j DROP", answer.DecidedBy!.Rule, StringComparison.Ordinal);
        Assert.Contains(answer.Path, p => p.Rule == "-A FORWARD -o br-aa5d7cacb7b6 -j DOCKER" && p.Result == StepResult.Jump);
        Assert.Equal(ReachabilityVerdict.Blocked, stale.Verdict);
        Assert.Equal("-A FORWARD -i docker0 -o docker0 -j DROP", stale.DecidedBy!.Rule);
    }

    [Fact]
    public void Ask_GotoAnEmptyChainOfLowerCase_ReturnsToTheCallersCaller()
    {
        var answer = Ask(WithDockerUser("-A DOCKER-USER -g mine"), "fix-client", "fix-filler", 80);

        Assert.Equal(ReachabilityVerdict.Allowed, answer.Verdict);
        Assert.Contains(answer.Path, p => p.Rule == "-A DOCKER-USER -g mine" && p.Result == StepResult.Goto);
        Assert.DoesNotContain(answer.Path, p => p.Rule == "-A DOCKER-USER -j RETURN");
    }

    [Fact]
    public void Ask_UpperCaseTargetThatIsNeitherAChainNorKnown_IsUndeterminedNamingIt()
    {
        // It could be a target extension the portal does not know as well as an empty chain: no guess.
        var answer = Ask(WithDockerUser("-A DOCKER-USER -j SYNPROXY --sack-perm"), "fix-client", "fix-filler", 80);

        Assert.Equal(ReachabilityVerdict.Undetermined, answer.Verdict);
        Assert.Contains("'SYNPROXY' is not known", answer.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Ask_EveryPairOfTheFixture_NeverFailsAndNamesADecision()
    {
        var model = ReachabilityModel.From(Snapshot(Captures.Fixture("05-stale-link.txt")));
        var names = model.Topology.Containers.Select(c => c.Name).ToList();
        foreach (var from in names)
        {
            foreach (var to in names.Where(n => n != from))
            {
                var answer = model.Ask(new ReachabilityQuery(PacketSource.FromContainer(from), PacketTarget.FromContainer(to), 80, TransportProtocol.Tcp));
                Assert.NotEqual(ReachabilityVerdict.Undetermined, answer.Verdict);
                Assert.NotNull(answer.DecidedBy);
            }
        }
    }

    private static ReachabilityAnswer Ask(string dumpOrFixture, string from, string to, int port, TransportProtocol protocol = TransportProtocol.Tcp) =>
        Ask(dumpOrFixture, PacketSource.FromContainer(from), PacketTarget.FromContainer(to), port, protocol);

    private static ReachabilityAnswer Ask(string dumpOrFixture, PacketSource from, PacketTarget to, int port, TransportProtocol protocol = TransportProtocol.Tcp)
    {
        var dump = dumpOrFixture.EndsWith(".txt", StringComparison.Ordinal) ? Captures.Fixture(dumpOrFixture) : dumpOrFixture;
        return ReachabilityModel.From(Snapshot(dump)).Ask(new ReachabilityQuery(from, to, port, protocol));
    }

    /// <summary>Stage 05 with rules of a user's own in DOCKER-USER, before its RETURN.</summary>
    private static string WithDockerUser(params string[] rules) =>
        Captures.Fixture("05-stale-link.txt").Replace("-A DOCKER-USER -j RETURN\n", string.Join('\n', rules) + "\n-A DOCKER-USER -j RETURN\n", StringComparison.Ordinal);

    /// <summary>Stage 05 with every rule of one filter chain gone (its declaration stays, as iptables-save prints an empty chain).</summary>
    private static string WithoutFilterRules(string chain)
    {
        var dump = Captures.Fixture("05-stale-link.txt");
        var nat = dump.IndexOf("*nat", StringComparison.Ordinal);
        var filter = string.Join('\n', dump[..nat].Split('\n').Where(l => !l.StartsWith($"-A {chain} ", StringComparison.Ordinal)));
        return filter + dump[nat..];
    }

    private static HostSnapshot Snapshot(string dump)
    {
        var bridges = Bridges();
        var containers = Containers();
        var ruleset = RulesetParser.Parse(dump);
        return new HostSnapshot("fixcap", 1, DateTimeOffset.UnixEpoch, "20.10.24", "nf_tables", bridges, containers,
            RuleOwnership.Resolve(ruleset, bridges, containers), Policies: ChainPolicies.Of(ruleset));
    }

    private static IReadOnlyList<Bridge> Bridges() =>
        [.. InspectModel.Bridges(Captures.Fixture("inspect-network-bridge.json")), .. InspectModel.Bridges(Captures.Fixture("inspect-network-fix-appnet.json"))];

    private static IReadOnlyList<Container> Containers() =>
        new[] { "fix-web", "fix-admin", "fix-client", "fix-filler", "fix-db", "fix-api" }
            .SelectMany(n => InspectModel.Containers(Captures.Fixture($"inspect-container-{n}.json")))
            .ToList();

    private static uint Address(string text) => Ipv4.TryParse(text, out var address) ? address : throw new ArgumentException(text);
}
