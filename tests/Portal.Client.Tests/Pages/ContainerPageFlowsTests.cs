using Bunit;
using Portal.Client.Pages;
using Portal.Contracts.Api;
using static Portal.Client.Tests.Fakes.FlowPicture;

namespace Portal.Client.Tests.Pages;

public sealed class ContainerPageFlowsTests : PortalTestContext
{
    public ContainerPageFlowsTests()
    {
        SignIn(Roles.Viewer);
        Feed.Host = State();
        Api.Flows["docker1"] = Edges;
    }

    [Fact]
    public void ContainerPage_Flows_InboundAndOutboundWithPeerPortCount()
    {
        var cut = Render("api");

        Assert.Equal(
            [("in", "web", "8080/tcp", "40"), ("out", "db", "5432/tcp", "7"), ("out", "external:192.0.2.50", "443/tcp", "2")],
            Rows(cut));
        Assert.Contains("192.0.2.50", cut.Find("[data-testid=container-flow-row][data-peer='external:192.0.2.50']").TextContent);
    }

    [Fact]
    public async Task ContainerPage_PushMovesItsFlow_CountUpdatedAndRowLit_OthersIgnored()
    {
        var cut = Render("api");

        await Feed.FlowChanges.Writer.WriteAsync(
            [ApiToDb with { Count = 9, LastSeen = Now }, OutsideA with { Count = 99, LastSeen = Now }], Xunit.TestContext.Current.CancellationToken);

        cut.WaitForAssertion(() => Assert.Equal(("out", "db", "5432/tcp", "9"), Rows(cut)[0]), Patience);
        Assert.Equal("true", cut.Find("[data-testid=container-flow-row][data-peer=db]").GetAttribute("data-lit"));
        Assert.Equal("false", cut.Find("[data-testid=container-flow-row][data-peer=web]").GetAttribute("data-lit"));
        Assert.Equal(3, Rows(cut).Count);
    }

    [Fact]
    public void ContainerPage_NoFlows_SaysSo()
    {
        var cut = Render("db", edges: [WebToApi]);

        Assert.Single(cut.FindAll("[data-testid=container-flows-empty]"));
    }

    private IRenderedComponent<ContainerPage> Render(string name, IReadOnlyList<Portal.Contracts.Flows.FlowEdge>? edges = null)
    {
        if (edges is not null)
        {
            Api.Flows["docker1"] = edges;
        }

        var cut = Context.Render<ContainerPage>(p => p.Add(x => x.Host, "docker1").Add(x => x.Name, name));
        cut.WaitForElement("[data-testid=container-flows]", Patience);
        return cut;
    }

    private static List<(string?, string?, string?, string)> Rows(IRenderedComponent<ContainerPage> cut) =>
        [.. cut.FindAll("[data-testid=container-flow-row]").Select(r => (
            r.GetAttribute("data-direction"), r.GetAttribute("data-peer"), r.GetAttribute("data-port"),
            r.QuerySelector("[data-testid=container-flow-count]")!.TextContent.Trim()))];
}
