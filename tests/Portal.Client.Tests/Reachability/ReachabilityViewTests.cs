using Bunit;
using Portal.Client.Pages;
using Portal.Client.Tests.Fakes;
using Portal.Contracts.Api;
using Portal.Contracts.Model;

namespace Portal.Client.Tests.Reachability;

/// <summary>
/// The reachability matrix page and the container page's "who can reach me" / "whom can I reach", answered by Portal.Core's
/// real walker over the classic picture (ICC off on docker0, the link client -> web on 80).
/// </summary>
public sealed class ReachabilityViewTests : PortalTestContext
{
    private static readonly Rule PreroutingToDocker = new("nat", "PREROUTING", 1, "-A PREROUTING -m addrtype --dst-type LOCAL -j DOCKER", new RuleOwner(RuleOwnerKind.Docker));

    private static readonly Rule ForwardToDocker = new("filter", "FORWARD", 2, "-A FORWARD -o docker0 -j DOCKER", new RuleOwner(RuleOwnerKind.Forward, Network: "bridge"));

    public ReachabilityViewTests()
    {
        var state = ClassicPicture.Docker1State();
        Feed.Host = state;
        Api.ReachabilitySnapshot = state.Snapshot with
        {
            Rules = [PreroutingToDocker, .. state.Rules.Where(r => r.Chain != "FORWARD" || r.Index == 1), ForwardToDocker, .. state.Rules.Where(r => r.Chain == "FORWARD" && r.Index == 6)],
            Policies = [new ChainPolicy("filter", "INPUT", "ACCEPT"), new ChainPolicy("filter", "FORWARD", "DROP"), new ChainPolicy("filter", "OUTPUT", "ACCEPT"),
                new ChainPolicy("nat", "PREROUTING", "ACCEPT"), new ChainPolicy("nat", "INPUT", "ACCEPT"), new ChainPolicy("nat", "OUTPUT", "ACCEPT"), new ChainPolicy("nat", "POSTROUTING", "ACCEPT")],
        };
    }

    [Fact]
    public void Matrix_ClickAllowedCell_ShowsThePathDecidedByTheLinkRule()
    {
        SignIn(Roles.Viewer);
        var cut = Context.Render<ReachabilityPage>(p => p.Add(x => x.Host, "docker1"));

        cut.WaitForAssertion(() => Assert.Single(cut.FindAll("[data-testid=matrix-cell][data-from=client][data-to=web] [data-testid=verdict-chip]")), Patience);
        var chip = cut.Find("[data-testid=matrix-cell][data-from=client][data-to=web] [data-testid=verdict-chip]");
        Assert.Equal(("allowed", "80/tcp"), (chip.GetAttribute("data-verdict"), chip.TextContent.Trim()));
        Assert.Empty(cut.FindAll("[data-testid=matrix-cell][data-from=web][data-to=client] [data-testid=verdict-chip]"));

        chip.Click();

        cut.WaitForAssertion(() => Assert.Contains("--dport 80 -j ACCEPT", cut.Find("[data-testid=path-decided-by]").TextContent), Patience);
        Assert.Contains("link", cut.Find("[data-testid=path-decided-by]").TextContent);
        Assert.Equal("accept", cut.FindAll("[data-testid=path-step]").Last(s => s.GetAttribute("data-result") != "policy").GetAttribute("data-result"));
        Assert.Equal(["docker1 client -> 172.17.0.2:80/Tcp"], Api.ReachabilityQueries);
    }

    [Fact]
    public void Ask_OutsideToThePublishedPort_ShowsTheTranslation()
    {
        SignIn(Roles.Viewer);
        var cut = Context.Render<ReachabilityPage>(p => p.Add(x => x.Host, "docker1"));
        cut.WaitForAssertion(() => cut.Find("[data-testid=ask-go]"), Patience);

        cut.Find("input[data-testid=ask-from]").Change("external:10.20.30.1");
        cut.Find("input[data-testid=ask-to]").Change("10.20.30.100");
        cut.Find("input[data-testid=ask-port]").Change("8080");
        cut.Find("[data-testid=ask-go]").Click();

        cut.WaitForAssertion(() => Assert.Equal("dnat 10.20.30.100:8080 → 172.17.0.2:80", cut.Find("[data-testid=path-translation]").TextContent.Split('(')[0].Trim()), Patience);
    }

    [Fact]
    public void ContainerPage_Client_WhomCanIReachListsWebAndWhoCanReachMeIsEmpty()
    {
        SignIn(Roles.Viewer);
        var cut = Context.Render<ContainerPage>(p => p.Add(x => x.Host, "docker1").Add(x => x.Name, "client"));

        cut.WaitForAssertion(() => Assert.Single(cut.FindAll("[data-testid=reach-out] [data-peer=web] [data-testid=verdict-chip]")), Patience);
        Assert.Equal("allowed", cut.Find("[data-testid=reach-out] [data-peer=web] [data-testid=verdict-chip]").GetAttribute("data-verdict"));
        Assert.Single(cut.FindAll("[data-testid=reach-in-empty]"));

        var web = Context.Render<ContainerPage>(p => p.Add(x => x.Host, "docker1").Add(x => x.Name, "web"));
        web.WaitForAssertion(() => Assert.Single(web.FindAll("[data-testid=reach-in] [data-peer=client]")), Patience);
        web.Find("[data-testid=reach-in] [data-peer=client] [data-testid=verdict-chip]").Click();
        web.WaitForAssertion(() => Assert.Contains("client → web:80/tcp", web.Find("[data-testid=reachability-path]").TextContent), Patience);
    }

    [Fact]
    public void HostPage_Exposure_PublishedPortWithItsWarningsAndIccOn()
    {
        SignIn(Roles.Viewer);
        Api.ReachabilitySnapshot = Api.ReachabilitySnapshot! with { Bridges = [ClassicPicture.Docker0 with { Icc = true }] };

        var cut = Context.Render<HostPage>(p => p.Add(x => x.Host, "docker1"));

        cut.WaitForAssertion(() => Assert.Single(cut.FindAll("[data-testid=exposure-port][data-container=web][data-port='8080']")), Patience);
        Assert.Equal(["all-addresses"], cut.FindAll("[data-testid=exposure-port-warning]").Select(w => w.GetAttribute("data-kind")));
        Assert.Contains("web 8080->80/tcp", cut.Find("[data-testid=exposure-warning][data-kind=icc-with-published]").TextContent);
    }
}
