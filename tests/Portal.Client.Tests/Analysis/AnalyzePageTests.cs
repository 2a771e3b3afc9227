using Bunit;
using Portal.Client.Pages;
using Portal.Contracts.Api;

namespace Portal.Client.Tests.Analysis;

/// <summary>
/// The "Analyze a capture" page with the lab capture pasted: the rules appear in the host page's rule table with their
/// owners, the findings above them; a wrong file says which and where; nothing is asked of the server.
/// </summary>
public sealed class AnalyzePageTests : PortalTestContext
{
    private static string Capture(string name) => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Capture", name));

    private IRenderedComponent<AnalyzePage> RenderPasted(string? rules = null)
    {
        SignIn(Roles.Viewer);
        var cut = Context.Render<AnalyzePage>();
        cut.Find("#capture-rules-text").Input(rules ?? Capture("rules.txt"));
        cut.Find("#capture-containers-text").Input(Capture("containers.json"));
        cut.Find("#capture-networks-text").Input(Capture("networks.json"));
        cut.Find("[data-testid=analyze-run]").Click();
        return cut;
    }

    [Fact]
    public void Paste_Analyze_RulesLabelledWithOwnersAndFindingsListed()
    {
        var cut = RenderPasted();

        cut.WaitForElement("[data-testid=findings]", Patience);
        var dnat = cut.Find("[data-testid=rule-row-nat-DOCKER-3]");
        Assert.Contains("--dport 8080 -j DNAT --to-destination 172.17.0.2:80", dnat.TextContent);
        Assert.Equal("port 8080/tcp -> ana-web:80", dnat.QuerySelector("[data-testid=rule-owner]")!.TextContent.Trim());
        var link = cut.Find("[data-testid=rule-row-filter-DOCKER-2]");
        Assert.Equal("link ana-client -> ana-web:9000/tcp", link.QuerySelector("[data-testid=rule-owner]")!.TextContent.Trim());
        Assert.Equal("unknown", cut.Find("[data-testid=rule-row-filter-INPUT-4] [data-testid=rule-owner]").GetAttribute("data-owner-kind"));
        Assert.Equal(40, cut.FindAll("[data-testid=analysis-rules] [data-testid=rule-owner]").Count);

        var kinds = cut.FindAll("[data-testid=finding-row]").Select(r => r.GetAttribute("data-kind")).ToList();
        Assert.Equal(2, kinds.Count(k => k == "stale-link-rule"));
        Assert.Equal(1, kinds.Count(k => k == "input-bypass"));
        Assert.Equal(5, kinds.Count(k => k == "unowned-rule"));
        Assert.Equal(1, kinds.Count(k => k == "docker-version"));
        var bypass = cut.FindAll("[data-testid=finding-row]").Single(r => r.GetAttribute("data-kind") == "input-bypass");
        Assert.Contains("port 8080/tcp of ana-web", bypass.TextContent);
        Assert.Empty(Api.StateCalls);
    }

    [Fact]
    public void Paste_WrongFileAsRules_SaysWhichFileAndLine()
    {
        var cut = RenderPasted(rules: Capture("networks.json"));

        var error = cut.WaitForElement("[data-testid=analyze-error]", Patience);
        Assert.StartsWith("iptables-save line 1: expected a table", error.TextContent.Trim());
        Assert.Empty(cut.FindAll("[data-testid=analysis-rules]"));
    }

    [Fact]
    public void Analyze_WithoutTheFiles_SaysWhichAreMissing()
    {
        SignIn(Roles.Viewer);
        var cut = Context.Render<AnalyzePage>();

        cut.Find("[data-testid=analyze-run]").Click();

        Assert.Equal("Missing: iptables-save, docker inspect, docker network inspect.", cut.Find("[data-testid=analyze-error]").TextContent.Trim());
    }
}
