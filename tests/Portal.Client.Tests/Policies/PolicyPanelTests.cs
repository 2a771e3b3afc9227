using Bunit;
using Portal.Client.Components.Policies;
using Portal.Contracts.Api;
using Portal.Contracts.Flows;
using Portal.Contracts.Intents;
using Portal.Contracts.Model;
using Portal.Contracts.Plans;
using Portal.Contracts.Policies;

namespace Portal.Client.Tests.Policies;

/// <summary>The network's policy panel: entries in force with the link-derived ones marked, would-be drops, learn then Apply.</summary>
public sealed class PolicyPanelTests : PortalTestContext
{
    private static readonly DateTimeOffset Seen = new(2026, 11, 29, 22, 0, 0, TimeSpan.Zero);

    private static readonly FlowEdge Unallowed = new("web", "client", 22, "tcp", "bridge", 4, Seen, Seen);

    private static readonly PolicyAllow LinkEntry = new("client", "web", 80, "tcp", PolicySource.Link);

    private IRenderedComponent<PolicyPanel> Render() =>
        Context.Render<PolicyPanel>(p => p.Add(x => x.Host, "docker1").Add(x => x.Network, "bridge").Add(x => x.CanChange, Auth.Can(Roles.Operator)));

    [Fact]
    public void Viewer_Monitor_SeesEntriesLinkMarkedAndWouldBeDrops_NoEditing()
    {
        SignIn(Roles.Viewer);
        Api.Policies["bridge"] = new PolicyView(
            "bridge", PolicyMode.Monitor, [new PolicyAllow("web", "db", 5432, "tcp", PolicySource.Policy), LinkEntry], 3, IntentStatus.Applied, null, [Unallowed]);

        var cut = Render();

        cut.WaitForAssertion(() => Assert.Equal(2, cut.FindAll("[data-testid=policy-entry]").Count), Patience);
        Assert.Equal("monitor", cut.Find("[data-testid=policy-mode]").TextContent.Trim());
        Assert.Equal(["policy", "link"], cut.FindAll("[data-testid=policy-entry]").Select(e => e.GetAttribute("data-source")));
        Assert.Single(cut.FindAll("[data-testid=policy-entry-link]"));
        Assert.Contains("Would be dropped", cut.Find("[data-testid=policy-blocked]").TextContent);
        Assert.Contains("web → client:22/tcp", cut.Find("[data-testid=policy-blocked-flow]").TextContent);
        Assert.Empty(cut.FindAll("[data-testid=policy-learn]"));
        Assert.Empty(cut.FindAll("[data-testid=policy-entry-remove]"));
    }

    [Fact]
    public void Enforce_VerdictCounter_ShowsTheReadCountThenFollowsTheLiveCounters()
    {
        SignIn(Roles.Viewer);
        Api.Policies["bridge"] = new PolicyView("bridge", PolicyMode.Enforce, [LinkEntry], 4, IntentStatus.Applied, null, [], new PolicyCount(7, 420));
        var cut = Render();
        cut.WaitForAssertion(() => Assert.Equal("7", cut.Find("[data-testid=policy-counted]").GetAttribute("data-packets")), Patience);
        Assert.Contains("Dropped by the policy's last rule", cut.Find("[data-testid=policy-counted]").TextContent);

        // The page's live counters: the enforce rule's count (a RETURN rule of the same bridge is not it).
        var live = Portal.Client.Live.RuleCounters.From([
            new RuleCounter("filter", "PORTAL-POLICY", 3, "-A PORTAL-POLICY -i docker0 -o docker0 -j RETURN", false, 99, 9900),
            new RuleCounter("filter", "PORTAL-POLICY", 4, "-A PORTAL-POLICY -i docker0 -o docker0 -j DROP", false, 12, 720),
        ]);
        cut.Render(p => p.Add(x => x.Bridge, "docker0").Add(x => x.Counters, live));

        Assert.Equal("12", cut.Find("[data-testid=policy-counted]").GetAttribute("data-packets"));
        Assert.Contains("720 B", cut.Find("[data-testid=policy-counted]").TextContent);
    }

    [Fact]
    public void Off_NoVerdictCounter()
    {
        SignIn(Roles.Viewer);
        Api.Policies["bridge"] = new PolicyView("bridge", PolicyMode.Off, [LinkEntry], null, null, null, []);
        var cut = Render();
        cut.WaitForAssertion(() => Assert.Single(cut.FindAll("[data-testid=policy-entry]")), Patience);
        Assert.Empty(cut.FindAll("[data-testid=policy-counted]"));
    }

    [Fact]
    public void Operator_Learn_ShowsProposalAndPlan_ApplySendsTheProposalWithoutLinkEntries()
    {
        SignIn(Roles.Operator);
        Api.Policies["bridge"] = new PolicyView("bridge", PolicyMode.Off, [LinkEntry], null, null, null, []);
        var learnedPlan = new Plan(
            "policy enforce for bridge (docker0): 1 allow entry and 1 from links",
            [new PlanStep(1, "rewrite the portal chains PORTAL-ICC and PORTAL-POLICY in one iptables-restore --noflush")],
            [], [], [new PlannedRule("filter", "PORTAL-POLICY", ChangeKind.Added, "-A PORTAL-POLICY -i docker0 -o docker0 -j DROP")], [], "none");
        Api.Learned = new PolicyLearnResponse(
            new PolicyRequest(PolicyMode.Enforce, [new PolicyAllow("web", "db", 5432, "tcp")]),
            learnedPlan,
            [new FlowEdge("web", "db", 5432, "tcp", "bridge", 9, Seen, Seen)],
            []);
        var cut = Render();
        cut.WaitForAssertion(() => cut.Find("[data-testid=policy-learn]"), Patience);

        cut.Find("[data-testid=policy-learn]").Click();

        cut.WaitForAssertion(() => Assert.Contains("-j DROP", cut.Find("[data-testid=policy-plan-view]").TextContent), Patience);
        Assert.Contains("1 flow", cut.Find("[data-testid=policy-learned]").TextContent);
        Assert.Contains("block 0", cut.Find("[data-testid=policy-learned]").TextContent);
        Assert.Equal(["policy", "link"], cut.FindAll("[data-testid=policy-entry]").Select(e => e.GetAttribute("data-source")));
        Assert.Equal([("bridge", 60)], Api.LearnRequests);
        Assert.Empty(Api.ChangeRequests);

        cut.Find("[data-testid=policy-apply]").Click();

        cut.WaitForAssertion(() => Assert.Single(Api.ChangeRequests), Patience);
        var (operation, request, dryRun) = Api.ChangeRequests[0];
        var (network, sent) = ((string, PolicyRequest))request;
        Assert.Equal(("policy", "bridge", false, PolicyMode.Enforce), (operation, network, dryRun, sent.Mode));
        Assert.Equal([new PolicyAllow("web", "db", 5432, "tcp")], sent.Allow);
    }

    [Fact]
    public void Operator_LearnWithoutFlows_ShowsTheServersReason()
    {
        SignIn(Roles.Operator);
        var cut = Render();
        cut.WaitForAssertion(() => cut.Find("[data-testid=policy-learn]"), Patience);

        cut.Find("[data-testid=policy-learn]").Click();

        cut.WaitForAssertion(() => Assert.Contains("no flows", cut.Find("[data-testid=policy-error]").TextContent), Patience);
        Assert.Empty(cut.FindAll("[data-testid=policy-apply]"));
    }
}
