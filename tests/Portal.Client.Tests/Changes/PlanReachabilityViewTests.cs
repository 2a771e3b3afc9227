using Bunit;
using Portal.Client.Components.Changes;
using Portal.Client.Tests.Fakes;
using Portal.Contracts.Model;
using Portal.Contracts.Plans;
using Portal.Core.Plans;

namespace Portal.Client.Tests.Changes;

/// <summary>
/// The plan view's "Becomes reachable" / "Becomes unreachable" sections, for a plan explained by Portal.Core over the
/// classic picture (ICC off on docker0, the legacy link client -> web on 80, client exposing 22/tcp): the plan opens
/// web -> client:22 in DOCKER-USER and takes the link's rule away.
/// </summary>
public sealed class PlanReachabilityViewTests : PortalTestContext
{
    private static readonly HostSnapshot Host = ClassicPicture.Docker1State().Snapshot! with
    {
        Containers = [ClassicPicture.Client with { Exposed = ["22/tcp"] }, ClassicPicture.Web],
        Rules = [.. ClassicPicture.Docker1Rules, new Rule("filter", "FORWARD", 2, "-A FORWARD -o docker0 -j DOCKER", new RuleOwner(RuleOwnerKind.Forward, Network: "bridge"))],
        Policies = [new ChainPolicy("filter", "INPUT", "ACCEPT"), new ChainPolicy("filter", "FORWARD", "DROP"), new ChainPolicy("filter", "OUTPUT", "ACCEPT"),
            new ChainPolicy("nat", "PREROUTING", "ACCEPT"), new ChainPolicy("nat", "INPUT", "ACCEPT"), new ChainPolicy("nat", "OUTPUT", "ACCEPT"), new ChainPolicy("nat", "POSTROUTING", "ACCEPT")],
    };

    private const string WebToClient = "-A DOCKER-USER -s 172.17.0.2/32 -d 172.17.0.3/32 -i docker0 -o docker0 -p tcp -m tcp --dport 22 -j ACCEPT";

    private static readonly Plan Opening = new(
        "open web -> client:22, close the link client -> web", [new PlanStep(1, "rewrite")], [], [],
        [
            new PlannedRule("filter", "DOCKER-USER", ChangeKind.Added, WebToClient),
            new PlannedRule("filter", "DOCKER", ChangeKind.Removed, "-A DOCKER -s 172.17.0.3/32 -d 172.17.0.2/32 -i docker0 -o docker0 -p tcp -m tcp --dport 80 -j ACCEPT"),
        ],
        [], "none");

    [Fact]
    public void PlanView_ExplainedPlan_ListsReachableAndUnreachablePairsWithTheDecidingRule()
    {
        var plan = Opening.WithReachability(Host);

        var cut = Context.Render<PlanView>(p => p.Add(x => x.Plan, plan));

        var reachable = cut.Find("[data-testid=plan-reachability-reachable]");
        Assert.Equal(["web -> client 22/tcp"], reachable.QuerySelectorAll("[data-testid=plan-pair-text]").Select(e => e.TextContent.Trim()));
        Assert.Equal(WebToClient, reachable.QuerySelector("[data-testid=plan-pair-decided-by]")!.TextContent.Trim());
        Assert.Contains("on network bridge", reachable.QuerySelector("[data-testid=plan-pair]")!.GetAttribute("title"), StringComparison.Ordinal);
        var unreachable = cut.Find("[data-testid=plan-reachability-unreachable]");
        Assert.Equal(["client -> web 80/tcp"], unreachable.QuerySelectorAll("[data-testid=plan-pair-text]").Select(e => e.TextContent.Trim()));
        Assert.Equal("-A FORWARD -i docker0 -o docker0 -j DROP", unreachable.QuerySelector("[data-testid=plan-pair-decided-by]")!.TextContent.Trim());
        Assert.Contains("Becomes reachable", cut.Markup, StringComparison.Ordinal);
        Assert.Contains("Becomes unreachable", cut.Markup, StringComparison.Ordinal);
        Assert.Empty(cut.FindAll("[data-testid=plan-reachability-more]"));
    }

    [Fact]
    public void PlanView_MorePairsThanListed_SaysHowManyMore()
    {
        var plan = Opening.WithReachability(Host, limit: 1);

        var cut = Context.Render<PlanView>(p => p.Add(x => x.Plan, plan));

        Assert.Single(cut.FindAll("[data-testid=plan-pair]"));
        Assert.Equal("and 1 more", cut.Find("[data-testid=plan-reachability-more]").TextContent.Trim());
    }

    [Fact]
    public void PlanView_NothingChanges_SaysSoAndAPlanWithoutTheFieldShowsNoSection()
    {
        var cut = Context.Render<PlanView>(p => p.Add(x => x.Plan, (Opening with { Rules = [] }).WithReachability(Host)));
        Assert.Single(cut.FindAll("[data-testid=plan-reachability-none]"));

        cut = Context.Render<PlanView>(p => p.Add(x => x.Plan, Opening));
        Assert.Empty(cut.FindAll("[data-testid=plan-reachability]"));
    }
}
