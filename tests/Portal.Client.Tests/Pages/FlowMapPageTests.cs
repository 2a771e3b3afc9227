using Bunit;
using Portal.Client.Pages;
using Portal.Client.Tests.Fakes;
using Portal.Contracts.Api;
using static Portal.Client.Tests.Fakes.FlowPicture;

namespace Portal.Client.Tests.Pages;

public sealed class FlowMapPageTests : PortalTestContext
{
    public FlowMapPageTests()
    {
        SignIn(Roles.Viewer);
        Feed.Host = State();
        Api.Flows["docker1"] = Edges;
    }

    [Fact]
    public void FlowMap_Render_NetworksAsBoxesOutsideFoldedEveryEdgeInTheTable()
    {
        var cut = Render();

        Assert.Single(cut.FindAll("[data-testid=flow-group-front]"));
        Assert.Single(cut.FindAll("[data-testid=flow-group-back]"));
        Assert.Equal(["back", "front"], cut.FindAll("[data-testid=flow-node-api]").Select(n => n.GetAttribute("data-network")));
        var outside = cut.Find("[data-testid=flow-node-outside]");
        Assert.Equal("192.0.2.50 198.51.100.9 203.0.113.7", outside.GetAttribute("data-addresses"));
        Assert.Contains("outside: 192.0.2.50, 198.51.100.9, 203.0.113.7", outside.TextContent);
        Assert.Equal(5, cut.FindAll("[data-testid=flow-line]").Count);
        Assert.Equal("15", Line(cut, "outside", "front/web").GetAttribute("data-count"));
        Assert.Equal(6, cut.FindAll("[data-testid=flow-edge-row]").Count);
        Assert.All(cut.FindAll("[data-testid=flow-line]"), l => Assert.Equal("false", l.GetAttribute("data-lit")));
        Assert.Equal([("docker1", TimeSpan.FromHours(24))], Feed.FlowSubscriptions);
    }

    [Fact]
    public void FlowMap_NetworkFilter_OnlyThatNetworksBoxAndEdges()
    {
        var cut = Render();

        cut.Find("[data-testid=flow-network-back]").Click();

        cut.WaitForAssertion(() => Assert.Empty(cut.FindAll("[data-testid=flow-group-front]")), Patience);
        Assert.Equal("true", cut.Find("[data-testid=flow-network-back]").GetAttribute("data-selected"));
        Assert.Equal([("api", "db"), ("api", "external:192.0.2.50")], Rows(cut));
        Assert.Equal("192.0.2.50", cut.Find("[data-testid=flow-node-outside]").GetAttribute("data-addresses"));

        cut.Find("[data-testid=flow-network-all]").Click();
        cut.WaitForAssertion(() => Assert.Equal(6, cut.FindAll("[data-testid=flow-edge-row]").Count), Patience);
    }

    [Fact]
    public void FlowMap_PortFilter_OnlyEdgesOnThatPortAndProtocol()
    {
        var cut = Render();
        Assert.Equal(["flow-port-all", "flow-port-80-tcp", "flow-port-443-tcp", "flow-port-5432-tcp", "flow-port-8080-tcp"],
            cut.FindAll("[data-testid^=flow-port-]").Select(b => b.GetAttribute("data-testid")));

        cut.Find("[data-testid=flow-port-80-tcp]").Click();

        cut.WaitForAssertion(() => Assert.Equal(3, cut.FindAll("[data-testid=flow-edge-row]").Count), Patience);
        Assert.All(cut.FindAll("[data-testid=flow-edge-row]"), r => Assert.Equal("80/tcp", r.GetAttribute("data-port")));
        Assert.Equal([("host", "front/web"), ("outside", "front/web")],
            cut.FindAll("[data-testid=flow-line]").Select(l => (l.GetAttribute("data-from"), l.GetAttribute("data-to"))));
    }

    [Fact]
    public void FlowMap_Window15Minutes_SubscribesAgainAndShowsOnlyRecentEdges()
    {
        var cut = Render();

        cut.Find("[data-testid=flow-window-15m]").Click();

        cut.WaitForAssertion(() => Assert.Equal(4, cut.FindAll("[data-testid=flow-edge-row]").Count), Patience);
        Assert.Equal(("docker1", TimeSpan.FromMinutes(15)), Feed.FlowSubscriptions[^1]);
        Assert.Equal(2, Feed.FlowSubscriptions.Count);
        Assert.Equal(1, Feed.FlowCancellations);
        Assert.Equal(Now.AddMinutes(-15), Api.FlowCalls[^1].Since);
        Assert.DoesNotContain(("external:198.51.100.9", "web"), Rows(cut));
        Assert.Equal("203.0.113.7", cut.Find("[data-testid=flow-node-outside]").GetAttribute("data-addresses"));
    }

    [Fact]
    public async Task FlowMap_PushMovesACount_ThatEdgeLightsUpThenFades()
    {
        var cut = Render();

        await Feed.FlowChanges.Writer.WriteAsync([WebToApi with { Count = 41, LastSeen = Now }], Xunit.TestContext.Current.CancellationToken);

        cut.WaitForAssertion(() => Assert.Equal("true", Line(cut, "front/web", "front/api").GetAttribute("data-lit")), Patience);
        Assert.Equal("41", Line(cut, "front/web", "front/api").GetAttribute("data-count"));
        Assert.Equal("false", Line(cut, "back/api", "back/db").GetAttribute("data-lit"));
        Assert.Equal("41", cut.Find("[data-testid=flow-edge-row][data-from=web][data-to=api] [data-testid=flow-edge-count]").TextContent);
        Assert.Equal("true", cut.Find("[data-testid=flow-edge-row][data-from=web][data-to=api]").GetAttribute("data-lit"));

        // The light fades: a few seconds later (page clock) the page has re-rendered it dark by itself.
        Clock.Advance(TimeSpan.FromSeconds(4));
        cut.WaitForAssertion(() => Assert.Equal("false", Line(cut, "front/web", "front/api").GetAttribute("data-lit")), Patience);
        Assert.Equal("41", Line(cut, "front/web", "front/api").GetAttribute("data-count"));
    }

    [Fact]
    public async Task FlowMap_PushFromANewOutsideAddress_FoldedIntoTheOutsideNode()
    {
        var cut = Render();

        await Feed.FlowChanges.Writer.WriteAsync([Edge("external:10.9.9.9", "web", 80, null, 1, 0)], Xunit.TestContext.Current.CancellationToken);

        cut.WaitForAssertion(
            () => Assert.Equal("10.9.9.9 192.0.2.50 198.51.100.9 203.0.113.7", cut.Find("[data-testid=flow-node-outside]").GetAttribute("data-addresses")),
            Patience);
        Assert.Single(cut.FindAll("[data-testid=flow-line][data-from=outside]"));
        Assert.Equal("16", Line(cut, "outside", "front/web").GetAttribute("data-count"));
        Assert.Equal("true", Line(cut, "outside", "front/web").GetAttribute("data-lit"));
        Assert.Equal(7, cut.FindAll("[data-testid=flow-edge-row]").Count);
    }

    [Fact]
    public void FlowMap_NoFlows_SaysSo()
    {
        Api.Flows["docker1"] = [];

        var cut = Render();

        Assert.Single(cut.FindAll("[data-testid=flow-map-empty]"));
        Assert.Single(cut.FindAll("[data-testid=flow-edges-empty]"));
        Assert.Equal(2, cut.FindAll("[data-testid^=flow-group-]").Count);
    }

    [Fact]
    public async Task FlowMap_Disposed_CancelsItsSubscriptions()
    {
        var cut = Render();

        await Context.DisposeComponentsAsync();

        cut.WaitForAssertion(() => Assert.Equal(1, Feed.FlowCancellations), Patience);
    }

    [Fact]
    public void HostPage_LinksToItsFlowMap()
    {
        var cut = Context.Render<HostPage>(p => p.Add(x => x.Host, "docker1"));

        cut.WaitForAssertion(() => Assert.EndsWith("/hosts/docker1/flows", cut.Find("[data-testid=flow-map-link]").GetAttribute("href")), Patience);
    }

    private IRenderedComponent<FlowMapPage> Render()
    {
        var cut = Context.Render<FlowMapPage>(p => p.Add(x => x.Host, "docker1"));
        cut.WaitForElement("[data-testid=flow-edges]", Patience);
        return cut;
    }

    private static AngleSharp.Dom.IElement Line(IRenderedComponent<FlowMapPage> cut, string from, string to) =>
        cut.Find($"[data-testid=flow-line][data-from='{from}'][data-to='{to}']");

    private static List<(string?, string?)> Rows(IRenderedComponent<FlowMapPage> cut) =>
        [.. cut.FindAll("[data-testid=flow-edge-row]").Select(r => (r.GetAttribute("data-from"), r.GetAttribute("data-to")))];
}
