using Portal.Contracts.Commands;
using Portal.Contracts.Intents;
using Portal.Contracts.Model;
using Portal.Contracts.Plans;
using Portal.Contracts.PortalRules;
using Portal.Core.Plans;
using Portal.Core.PortalRules;
using Portal.Core.Reconcile;

namespace Portal.Core.Tests.Planning;

/// <summary>
/// Issue 10, defect 3, on snapshots: the demo's host (docker0 with ICC off, client linked natively to web, a second
/// parent linked through the portal), then a network made with ICC off, the linked pair connected to it, ICC on, ICC
/// off, all planned the way the server plans them (the chain before and after derived from every intent). Every chain
/// written keeps the default bridge's link pairs, and once the child restarts into a new address the reconciler removes
/// Docker's stale pair and writes the new one.
/// </summary>
public sealed class PortalChainSequenceTests
{
    private const string Net = "appnet2";
    private const string NetBridge = "br-feedfacecafe";

    [Fact]
    public void IccOnThenOffOnOneNetwork_KeepsDefaultBridgePairs_AndTheReconcilerFollowsAMovedChild()
    {
        var host = new Host(Demo());
        host.Apply(new LinkIntent("portal-client", "web", "web"), s => LinkPlanner.Plan(new LinkRequest("portal-client", "web", "web"), s.State, s.Portal));
        AssertDefaultBridgePairs(host.Chain, "172.17.0.2");

        host.Apply(new NetworkIntent(Net, null, null, false, true, null), s => NetworkPlanner.Create(new NetworkRequest(Net, null, null, false, true), s.State));
        host.Observe(s => s with { Bridges = [.. s.Bridges, new Bridge(NetBridge, Net, "n3", "172.31.0.0/24", "172.31.0.1", false, true, 1500, [])] });
        host.Apply(new ConnectionIntent(Net, "client", null, null), s => ConnectionPlanner.Connect(Net, new ConnectionRequest("client", null, null), s.State));
        host.Apply(new ConnectionIntent(Net, "web", null, null), s => ConnectionPlanner.Connect(Net, new ConnectionRequest("web", null, null), s.State));
        host.Observe(s => Connected(Connected(s, "client", "172.31.0.2"), "web", "172.31.0.3"));

        host.Apply(new IccIntent(Net, true), s => IccPlanner.Plan(Net, new IccRequest(true), s.State, s.Portal), ends: i => i is IccIntent c && c.Network == Net);
        Assert.Contains($"-A PORTAL-ICC -i {NetBridge} -o {NetBridge} -j ACCEPT", host.Chain);
        AssertDefaultBridgePairs(host.Chain, "172.17.0.2");

        host.Apply(new IccIntent(Net, false), s => IccPlanner.Plan(Net, new IccRequest(false), s.State, s.Portal), ends: i => i is IccIntent c && c.Network == Net);
        Assert.Contains($"-A PORTAL-ICC -i {NetBridge} -o {NetBridge} -j DROP", host.Chain);
        Assert.DoesNotContain($"-A PORTAL-ICC -i {NetBridge} -o {NetBridge} -j ACCEPT", host.Chain);
        AssertDefaultBridgePairs(host.Chain, "172.17.0.2");
        Assert.Single(host.Intents.OfType<IccIntent>());

        // The child restarts into a new address; Docker's pairs still name the old one (it never updates them).
        host.Observe(s => Moved(s, "web", "172.17.0.9") with
        {
            Rules = [.. s.Rules, StaleDockerPair("client", "172.17.0.3", "172.17.0.2")],
        });
        var found = Reconciler.Evaluate(host.Intents.Select((spec, i) => new StoredIntent(i + 1, spec)).ToList(), host.Snapshot);

        Assert.Equal([StaleDockerPair("client", "172.17.0.3", "172.17.0.2").Text], Assert.IsType<RemoveStaleRulesCommand>(found.HostRepairs[0]).Rules);
        var rewrite = Assert.IsType<ApplyPortalRulesCommand>(found.HostRepairs[1]).Rules.RuleTexts();
        AssertDefaultBridgePairs(rewrite, "172.17.0.9");
        Assert.DoesNotContain(rewrite, r => r.Contains("-d 172.17.0.2/32", StringComparison.Ordinal));
        Assert.Contains($"-A PORTAL-ICC -i {NetBridge} -o {NetBridge} -j DROP", rewrite);
    }

    [Fact]
    public void EveryPlannerThatWritesTheChain_WritesTheWholeChainOfAllIntents()
    {
        var snapshot = Demo() with
        {
            Bridges = [.. Demo().Bridges, new Bridge(NetBridge, Net, "n3", "172.31.0.0/24", "172.31.0.1", false, true, 1500, [])],
        };
        var state = new HostState(snapshot);
        IntentSpec[] standing = [new LinkIntent("portal-client", "web", "web"), new IccIntent(Net, false)];

        PlannedChange[] changes =
        [
            IccPlanner.Plan(Net, new IccRequest(true), state, PortalChainChange.Between(standing, [standing[0], new IccIntent(Net, true)], snapshot)),
            LinkPlanner.Plan(new LinkRequest("db", "web", "web"), state, PortalChainChange.Between(standing, [.. standing, new LinkIntent("db", "web", "web")], snapshot)),
        ];

        foreach (var change in changes)
        {
            var written = Assert.Single(change.Commands.OfType<ApplyPortalRulesCommand>()).Rules.RuleTexts();
            AssertDefaultBridgePairs(written, "172.17.0.2");
            Assert.Contains(written, r => r.Contains($"-i {NetBridge} -o {NetBridge} -j", StringComparison.Ordinal));
        }
    }

    private static void AssertDefaultBridgePairs(IReadOnlyList<string> chain, string webIp)
    {
        foreach (var parentIp in new[] { "172.17.0.3", "172.17.0.4" })
        {
            Assert.Contains($"-A PORTAL-ICC -s {parentIp}/32 -d {webIp}/32 -i docker0 -o docker0 -p tcp -m tcp --dport 80 -j ACCEPT", chain);
            Assert.Contains($"-A PORTAL-ICC -s {webIp}/32 -d {parentIp}/32 -i docker0 -o docker0 -p tcp -m tcp --sport 80 -j ACCEPT", chain);
        }
    }

    /// <summary>docker0 with ICC off; web exposes 80 and 9000; client holds a native link to it; portal-client and db are unlinked.</summary>
    private static HostSnapshot Demo() => new(
        "docker1",
        1,
        DateTimeOffset.UnixEpoch,
        "20.10.24",
        "nf_tables",
        [new Bridge("docker0", "bridge", "n1", "172.17.0.0/16", "172.17.0.1", false, true, 1500, [])],
        [
            SampleHost.Container("web", "172.17.0.2", ["80/tcp", "9000/tcp"]),
            SampleHost.Container("client", "172.17.0.3", links: [new ContainerLink("web", "web")]),
            SampleHost.Container("portal-client", "172.17.0.4"),
            SampleHost.Container("db", "172.17.0.5"),
        ],
        []);

    private static HostSnapshot Connected(HostSnapshot snapshot, string container, string ip) => snapshot with
    {
        Containers = snapshot.Containers
            .Select(c => c.Name == container ? c with { Endpoints = [.. c.Endpoints, new Endpoint(Net, ip, null, [])] } : c)
            .ToList(),
    };

    private static HostSnapshot Moved(HostSnapshot snapshot, string container, string ip) => snapshot with
    {
        Containers = snapshot.Containers
            .Select(c => c.Name == container
                ? c with { Endpoints = c.Endpoints.Select(e => e.Network == "bridge" ? e with { Ipv4 = ip } : e).ToList() }
                : c)
            .ToList(),
    };

    private static Rule StaleDockerPair(string parent, string parentIp, string oldIp) => new(
        "filter",
        "DOCKER",
        1,
        $"-A DOCKER -s {parentIp}/32 -d {oldIp}/32 -i docker0 -o docker0 -p tcp -m tcp --dport 80 -j ACCEPT",
        new RuleOwner(RuleOwnerKind.Link, Source: parent, Target: "web", Role: "stale"));

    /// <summary>A host as the server sees it: intents standing, the observed snapshot, and the chain its agent last wrote.</summary>
    private sealed class Host(HostSnapshot snapshot)
    {
        public HostSnapshot Snapshot { get; private set; } = snapshot;

        public List<IntentSpec> Intents { get; } = [];

        public IReadOnlyList<string> Chain => PortalChain.Observed(Snapshot).Rules;

        public void Observe(Func<HostSnapshot, HostSnapshot> change) => Snapshot = change(Snapshot);

        /// <summary>Plans as the server does (whole chain before and after from every intent) and applies the chain it writes.</summary>
        public void Apply(IntentSpec intent, Func<(HostState State, PortalChainChange Portal), PlannedChange> plan, Func<IntentSpec, bool>? ends = null)
        {
            var afterwards = Intents.Where(i => ends is null || !ends(i)).Append(intent).ToList();
            var change = plan((new HostState(Snapshot), PortalChainChange.Between(Intents, afterwards, Snapshot)));
            Assert.Null(change.Problem);
            foreach (var written in change.Commands.OfType<ApplyPortalRulesCommand>())
            {
                var rules = written.Rules.RuleTexts()
                    .Select((text, i) => new Rule("filter", PortalRuleSet.Chain, i + 1, text, new RuleOwner(RuleOwnerKind.Portal)))
                    .Append(new Rule("filter", "DOCKER-USER", 1, PortalRuleSet.JumpRule, new RuleOwner(RuleOwnerKind.Portal)));
                Snapshot = Snapshot with
                {
                    Rules = [.. Snapshot.Rules.Where(r => r.Chain is not (PortalRuleSet.Chain or "DOCKER-USER")), .. rules],
                };
            }

            Intents.Clear();
            Intents.AddRange(afterwards);
        }
    }
}
