using Portal.Contracts.Commands;
using Portal.Contracts.Intents;
using Portal.Contracts.Model;
using Portal.Contracts.Plans;
using Portal.Contracts.PortalRules;
using Portal.Core.Iptables;
using Portal.Core.Ownership;
using Portal.Core.Plans;
using Portal.Core.PortalRules;
using Portal.Core.RuleShapes;
using Portal.Core.Tests.Support;
using S = Portal.Core.Tests.Support.IptablerScenario;

namespace Portal.Core.Tests.Planning;

/// <summary>
/// Issue 11 item 2: the portal's chain, jumped from DOCKER-USER, works the same under Docker 29's chains (DOCKER-FORWARD,
/// DOCKER-CT, DOCKER-BRIDGE, DOCKER-INTERNAL, raw drops). On Docker's own golden dumps, with the daemon-level chains the
/// daemon adds (DOCKER-USER, jumped first from FORWARD, empty on 29), the planners' chain written as the agent writes it
/// (one iptables-restore --noflush) changes only PORTAL-ICC and adds the jump once; every Docker rule stays where it was,
/// everything is owned, and the plan showed exactly the rules that changed.
/// </summary>
public sealed class PortalChainUnderDocker29Tests
{
    private const string Version = "29.1.1";

    // What the daemon itself adds to the firewaller's rules (moby's generated docs: -N DOCKER-USER, FORWARD -j DOCKER-USER first).
    private const string DaemonChains = "*filter\n:DOCKER-USER - [0:0]\n-I FORWARD 1 -j DOCKER-USER\nCOMMIT\n";

    [Theory]
    [InlineData("hairpin=false,internal=false,icc=false,masq=true,snat=false,gwm=nat,bindlh=false__iptables.golden")]
    [InlineData("hairpin=true,internal=false,icc=true,masq=false,snat=true,gwm=nat,bindlh=true__iptables.golden")]
    [InlineData("hairpin=false,internal=false,icc=false,masq=true,snat=false,gwm=routed,bindlh=false__iptables.golden")]
    [InlineData("hairpin=true,internal=false,icc=false,masq=true,snat=false,gwm=nat-unprotected,bindlh=false__iptables.golden")]
    [InlineData("hairpin=false,internal=true,icc=false__iptables.golden")]
    [InlineData("hairpin=false,internal=false,icc=false,masq=true,snat=false,gwm=nat,bindlh=true,wsl2mirrored=true__iptables.golden")]
    public void IccThenLink_On29_OnlyThePortalChainChangesAndTheJumpStays(string file)
    {
        var scenario = S.Of(file);
        var host = new Host(scenario, NoflushRestore.Apply(scenario.Text, DaemonChains));
        var network = S.Network;

        // ICC on for the network, through the ICC planner as the server plans it.
        var icc = new IccIntent(network, true);
        host.Apply(s => IccPlanner.Plan(network, new IccRequest(true), s, PortalChainChange.Between([], [icc], s.Snapshot)), expectCreated: true);
        Assert.Contains($"-A PORTAL-ICC -i {S.BridgeName} -o {S.BridgeName} -j ACCEPT", host.Chain("PORTAL-ICC"));

        // ICC off again, with a link client -> c1 the chain must let through.
        IntentSpec[] afterwards = [new IccIntent(network, false), new LinkIntent("client", S.Container, "web")];
        host.Apply(s => IccPlanner.Plan(network, new IccRequest(false), s, PortalChainChange.Between([icc], afterwards, s.Snapshot)), expectCreated: false);
        Assert.Equal(
            [
                $"-A PORTAL-ICC -s 192.168.0.3/32 -d {S.ContainerIpv4}/32 -i {S.BridgeName} -o {S.BridgeName} -p tcp -m tcp --dport 80 -j ACCEPT",
                $"-A PORTAL-ICC -s {S.ContainerIpv4}/32 -d 192.168.0.3/32 -i {S.BridgeName} -o {S.BridgeName} -p tcp -m tcp --sport 80 -j ACCEPT",
                $"-A PORTAL-ICC -i {S.BridgeName} -o {S.BridgeName} -j DROP",
                "-A PORTAL-ICC -j RETURN",
            ],
            host.Chain("PORTAL-ICC"));
    }

    [Fact]
    public void Restore_DockerUserMissing_IsRefusedWhole()
    {
        // The firewaller's dumps alone have no DOCKER-USER (the daemon makes it): the jump cannot be inserted, and
        // iptables-restore refuses the whole table, so no half-written chain is left behind.
        var scenario = S.Of("hairpin=false,internal=false,icc=false,masq=true,snat=false,gwm=nat,bindlh=false__iptables.golden");
        var chain = new PortalRuleSet([new PortalBridgePolicy(S.BridgeName, true)], []);

        var error = Assert.Throws<InvalidOperationException>(() => NoflushRestore.Apply(scenario.Text, chain.ToRestoreInput(insertJump: true)));

        Assert.Contains("DOCKER-USER", error.Message, StringComparison.Ordinal);
    }

    /// <summary>A 29 host: its iptables-save text, its snapshot as the agent makes it, and the agent's write of the chain.</summary>
    private sealed class Host
    {
        private readonly IReadOnlyList<Bridge> bridges;
        private readonly IReadOnlyList<Container> containers;

        public Host(S scenario, string saved)
        {
            bridges = scenario.Bridges;
            var c1 = scenario.Containers.Single();
            containers =
            [
                c1 with { Name = S.Container },
                new Container(
                    "client-id", "client", "busybox", "running", "client",
                    [new Endpoint(S.Network, "192.168.0.3", null, [], "192.168.0.1", Ipv6: "fd49:efd7:54aa::3")],
                    [], [], [], [], []),
            ];
            Saved = saved;
            Snapshot = Observe(saved);
        }

        public string Saved { get; private set; }

        public HostSnapshot Snapshot { get; private set; }

        public IReadOnlyList<string> Chain(string name) =>
            Snapshot.Rules.Where(r => r.Table == "filter" && r.Chain == name).OrderBy(r => r.Index).Select(r => r.Text).ToList();

        /// <summary>Plans on the current snapshot, writes the chain as the agent does (ApplyPortalRulesHandler) and checks what moved.</summary>
        public void Apply(Func<HostState, PlannedChange> plan, bool expectCreated)
        {
            var change = plan(new HostState(Snapshot));
            Assert.Null(change.Problem);
            var command = Assert.Single(change.Commands.OfType<ApplyPortalRulesCommand>());
            var jumpPresent = PortalChain.Observed(Snapshot).JumpPresent;

            var before = RulesetParser.Parse(Saved);
            var written = NoflushRestore.Apply(Saved, command.Rules.ToRestoreInput(insertJump: !jumpPresent));
            var after = RulesetParser.Parse(written);

            // Only the portal's chain and the one jump moved; Docker's rules, in every table, are as they were.
            var diffs = RulesetDiffer.Diff(before, after);
            Assert.All(diffs, d => Assert.True(
                d.Chain == PortalRuleSet.Chain || (d.Chain == "DOCKER-USER" && d.Change == ChangeKind.Added && d.Text == PortalRuleSet.JumpRule),
                $"{d.Change} {d.Table} {d.Text}"));
            Assert.Equal(
                expectCreated ? [(PortalRuleSet.Chain, ChainDiff.Created)] : Array.Empty<(string, string)>(),
                RulesetDiffer.DiffChains(before, after).Select(c => (c.Chain, c.Change)));

            // The plan showed exactly what changed.
            Assert.Equal(
                diffs.Select(d => (d.Chain, d.Change, d.Text)).Order(),
                change.Plan!.Rules.Select(r => (r.Chain, r.Change, r.Text)).Order());

            Saved = written;
            Snapshot = Observe(written);

            // DOCKER-USER is still FORWARD's first jump, the portal's chain its first rule, and nothing is unknown.
            Assert.Equal("-A FORWARD -j DOCKER-USER", Chain("FORWARD")[0]);
            Assert.Equal("-A FORWARD -j DOCKER-FORWARD", Chain("FORWARD")[1]);
            Assert.Equal([PortalRuleSet.JumpRule], Chain("DOCKER-USER"));
            Assert.DoesNotContain(Snapshot.Rules, r => r.Owner.Kind == RuleOwnerKind.Unknown);
            Assert.All(Snapshot.Rules.Where(r => r.Chain == PortalRuleSet.Chain || r.Chain == "DOCKER-USER"), r => Assert.Equal(RuleOwnerKind.Portal, r.Owner.Kind));
        }

        private HostSnapshot Observe(string saved) => new(
            "docker29", 1, DateTimeOffset.UnixEpoch, Version, "nf_tables", bridges, containers,
            RuleOwnership.Resolve(RulesetParser.Parse(saved), bridges, containers, RuleShapeCatalogue.ForDockerVersion(Version)));
    }
}
