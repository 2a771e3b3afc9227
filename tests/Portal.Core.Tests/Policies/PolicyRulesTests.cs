using Portal.Contracts.Commands;
using Portal.Contracts.Flows;
using Portal.Contracts.Intents;
using Portal.Contracts.Model;
using Portal.Contracts.Policies;
using Portal.Contracts.PortalRules;
using Portal.Core.Plans;
using Portal.Core.Policies;
using Portal.Core.PortalRules;
using Portal.Core.Reconcile;
using Portal.Core.Tests.Planning;

namespace Portal.Core.Tests.Policies;

/// <summary>The rules a network's allow-list policy derives into the portal's chains (SampleHost: docker0 with ICC off).</summary>
public sealed class PolicyRulesTests
{
    private static readonly PolicyAllow ClientToWeb = new("client", "web", 80, "tcp");

    private static IReadOnlyList<string> Rules(params IntentSpec[] intents) => Rules(SampleHost.State().Snapshot, intents);

    private static IReadOnlyList<string> Rules(HostSnapshot state, params IntentSpec[] intents) => PortalChain.Derive(intents, state).RuleTexts();

    [Fact]
    public void Enforce_RepliesThenAllowedPairsAcceptedRestDropped_JumpedFirst()
    {
        var rules = Rules(new IccIntent("bridge", false), new PolicyIntent("bridge", PolicyMode.Enforce, [ClientToWeb]));

        Assert.Equal(
            [
                "-A PORTAL-ICC -j PORTAL-POLICY",
                "-A PORTAL-ICC -i docker0 -o docker0 -j DROP",
                "-A PORTAL-ICC -j RETURN",
                "-A PORTAL-POLICY -i docker0 -o docker0 -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT",
                "-A PORTAL-POLICY -s 172.17.0.3/32 -d 172.17.0.2/32 -i docker0 -o docker0 -p tcp -m tcp --dport 80 -j ACCEPT",
                "-A PORTAL-POLICY -i docker0 -o docker0 -j DROP",
            ],
            rules);
    }

    [Fact]
    public void Monitor_EverythingReturns_LastRuleCountsWouldBeDrops()
    {
        var rules = Rules(new PolicyIntent("bridge", PolicyMode.Monitor, [ClientToWeb]));

        Assert.Equal(
            [
                "-A PORTAL-ICC -j PORTAL-POLICY",
                "-A PORTAL-ICC -j RETURN",
                "-A PORTAL-POLICY -i docker0 -o docker0 -m conntrack --ctstate RELATED,ESTABLISHED -j RETURN",
                "-A PORTAL-POLICY -s 172.17.0.3/32 -d 172.17.0.2/32 -i docker0 -o docker0 -p tcp -m tcp --dport 80 -j RETURN",
                PortalRuleSetText.MonitorRule("docker0"),
            ],
            rules);
        Assert.DoesNotContain(rules, r => r.EndsWith("-j DROP", StringComparison.Ordinal) || r.EndsWith("-j ACCEPT", StringComparison.Ordinal));
    }

    [Fact]
    public void Off_NoPolicyRulesAtAll_NewestIntentWins()
    {
        var rules = Rules(new PolicyIntent("bridge", PolicyMode.Enforce, [ClientToWeb]), new PolicyIntent("bridge", PolicyMode.Off, [ClientToWeb]));

        Assert.Equal(["-A PORTAL-ICC -j RETURN"], rules);
        Assert.False(PortalChain.IsNeeded([new PolicyIntent("bridge", PolicyMode.Off, [])]));
        Assert.True(PortalChain.IsNeeded([new PolicyIntent("bridge", PolicyMode.Monitor, [])]));
    }

    [Fact]
    public void LegacyLink_BecomesAllowEntriesOnEveryExposedPort_MarkedLink()
    {
        var linked = SampleHost.Container("client", "172.17.0.3", links: [new ContainerLink("web", "web")]);
        var state = SampleHost.State(false).Snapshot;
        state = state with { Containers = state.Containers.Select(c => c.Name == "client" ? linked : c).ToList() };
        var policy = new PolicyIntent("bridge", PolicyMode.Enforce, [new PolicyAllow("web", "db", 5432, "tcp")]);

        var effective = PolicyAllowList.Effective(policy, "bridge", [policy], state);
        var rules = Rules(state, policy);

        Assert.Equal(
            [
                new PolicyAllow("web", "db", 5432, "tcp", PolicySource.Policy),
                new PolicyAllow("client", "web", 53, "udp", PolicySource.Link),
                new PolicyAllow("client", "web", 80, "tcp", PolicySource.Link),
            ],
            effective);
        Assert.Contains("-A PORTAL-POLICY -s 172.17.0.3/32 -d 172.17.0.2/32 -i docker0 -o docker0 -p udp -m udp --dport 53 -j ACCEPT", rules);
        Assert.Contains("-A PORTAL-POLICY -s 172.17.0.3/32 -d 172.17.0.2/32 -i docker0 -o docker0 -p tcp -m tcp --dport 80 -j ACCEPT", rules);
        Assert.Contains("-A PORTAL-POLICY -s 172.17.0.2/32 -d 172.17.0.4/32 -i docker0 -o docker0 -p tcp -m tcp --dport 5432 -j ACCEPT", rules);
    }

    [Fact]
    public void AddressChange_RulesFollowTheContainer_ReconcilerRewritesTheChain()
    {
        var policy = new PolicyIntent("bridge", PolicyMode.Enforce, [ClientToWeb]);
        var before = SampleHost.State().Snapshot;
        var moved = before with { Containers = before.Containers.Select(c => c.Name == "web" ? SampleHost.Container("web", "172.17.0.9", ["80/tcp"]) : c).ToList() };
        var observed = before with
        {
            Rules = PortalChain.Derive([policy], before).RuleTexts()
                .Select((text, i) => new Rule("filter", text.Split(' ')[1], i + 1, text, new RuleOwner(RuleOwnerKind.Portal)))
                .Append(new Rule("filter", "DOCKER-USER", 1, PortalRuleSet.JumpRule, new RuleOwner(RuleOwnerKind.Portal)))
                .ToList(),
        };

        var rules = Rules(moved, policy);
        var steady = Reconciler.Evaluate([new StoredIntent(7, policy)], observed);
        var drifted = Reconciler.Evaluate([new StoredIntent(7, policy)], observed with { Containers = moved.Containers });

        Assert.Contains("-A PORTAL-POLICY -s 172.17.0.3/32 -d 172.17.0.9/32 -i docker0 -o docker0 -p tcp -m tcp --dport 80 -j ACCEPT", rules);
        Assert.DoesNotContain(rules, r => r.Contains("172.17.0.2", StringComparison.Ordinal));
        Assert.Empty(steady.HostRepairs);
        Assert.Equal(IntentStatus.Applied, Assert.Single(steady.Intents).Status);
        var repair = Assert.IsType<ApplyPortalRulesCommand>(Assert.Single(drifted.HostRepairs));
        Assert.Equal(rules, repair.Rules.RuleTexts());
        Assert.Equal(IntentStatus.Drifted, Assert.Single(drifted.Intents).Status);
    }

    [Fact]
    public void StoppedContainer_EntryAllowsNothingUntilItHasAnAddress()
    {
        var state = SampleHost.State().Snapshot;
        state = state with { Containers = state.Containers.Select(c => c.Name == "web" ? c with { Endpoints = [new Endpoint("bridge", null, null, [])] } : c).ToList() };

        var rules = Rules(state, new PolicyIntent("bridge", PolicyMode.Enforce, [ClientToWeb]));

        Assert.DoesNotContain(rules, r => r.Contains("--dport", StringComparison.Ordinal));
        Assert.Contains("-A PORTAL-POLICY -i docker0 -o docker0 -j DROP", rules);
    }

    [Fact]
    public void RestoreInput_DeclaresThePolicyChainWhenPresent_SoARemovedPolicyLeavesNothing()
    {
        var removed = PortalRuleSet.Empty.ToRestoreInput(insertJump: false, policyChainPresent: true);
        var never = PortalRuleSet.Empty.ToRestoreInput(insertJump: false);
        var first = PortalChain.Derive([new PolicyIntent("bridge", PolicyMode.Monitor, [])], SampleHost.State().Snapshot).ToRestoreInput(insertJump: true);

        Assert.Equal("*filter\n:PORTAL-ICC - [0:0]\n:PORTAL-POLICY - [0:0]\n-A PORTAL-ICC -j RETURN\nCOMMIT\n", removed);
        Assert.DoesNotContain("PORTAL-POLICY", never);
        Assert.StartsWith("*filter\n:PORTAL-ICC - [0:0]\n:PORTAL-POLICY - [0:0]\n-A PORTAL-ICC -j PORTAL-POLICY\n", first);
    }

    [Fact]
    public void Validate_RefusesABadPolicyField()
    {
        var set = new PortalRuleSet([], [], [new PortalNetworkPolicy("docker0 -j ACCEPT", true, [new PortalPolicyPair("172.17.0.3", "172.17.0.2", 80, "tcp")])]);
        var pair = new PortalRuleSet([], [], [new PortalNetworkPolicy("docker0", true, [new PortalPolicyPair("172.17.0.3", "x; reboot", 80, "icmp")])]);

        Assert.False(set.Validate().IsEmpty);
        Assert.Equal(2, pair.Validate().ToDictionary()["policies"].Length);
    }

    [Fact]
    public void Learn_ProposesEdgesBetweenMembersNotCoveredByLinks_BlocksNoneOfThem()
    {
        var linked = SampleHost.Container("client", "172.17.0.3", links: [new ContainerLink("web", "web")]);
        var state = SampleHost.State().Snapshot;
        state = state with { Containers = state.Containers.Select(c => c.Name == "client" ? linked : c).ToList() };
        var now = DateTimeOffset.UnixEpoch;
        FlowEdge[] flows =
        [
            new("client", "web", 80, "tcp", "bridge", 3, now, now),
            new("db", "web", 80, "tcp", "bridge", 2, now, now),
            new("web", "db", 5432, "tcp", "bridge", 1, now, now),
            new("web", "db", 5432, "tcp", "bridge", 1, now, now),
            new("db", "db", 5432, "tcp", "appnet", 1, now, now),
            new("client", "external:1.1.1.1", 443, "tcp", null, 1, now, now),
        ];

        var proposal = PolicyAllowList.Learn(flows, "bridge", [], state);
        var onNetwork = PolicyAllowList.OnNetwork(flows, "bridge", state);
        var effective = PolicyAllowList.Effective(new PolicyIntent("bridge", proposal.Mode!, proposal.Allow!), "bridge", [], state);

        Assert.Equal(PolicyMode.Enforce, proposal.Mode);
        Assert.Equal([new PolicyAllow("db", "web", 80, "tcp"), new PolicyAllow("web", "db", 5432, "tcp")], proposal.Allow);
        Assert.Equal(4, onNetwork.Count);
        Assert.All(onNetwork, f => Assert.True(PolicyAllowList.Allows(effective, f)));
        Assert.False(PolicyAllowList.Allows(effective, new FlowEdge("web", "client", 80, "tcp", "bridge", 1, now, now)));
    }
}
