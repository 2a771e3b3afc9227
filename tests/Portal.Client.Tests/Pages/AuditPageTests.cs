using Bunit;
using Portal.Client.Audit;
using Portal.Client.Pages;
using Portal.Contracts.Api;
using Portal.Contracts.Model;
using Portal.Core.Iptables;
using static Portal.Client.Tests.Fakes.AuditRows;

namespace Portal.Client.Tests.Pages;

public sealed class AuditPageTests : PortalTestContext
{
    public AuditPageTests()
    {
        SignIn(Roles.Viewer);
        Api.Audit = Story();
    }

    [Fact]
    public void Timeline_GroupsByCause_RowsDiffStyledWithOwners()
    {
        var cut = Render();

        var groups = cut.FindAll("[data-testid=audit-group]");
        Assert.Equal(["external", "portal", "docker"], groups.Select(g => g.GetAttribute("data-cause")));
        Assert.Equal("portal: alice (intent 12)", groups[1].QuerySelector("[data-testid=audit-group-cause]")!.TextContent.Trim());
        Assert.Equal(3, groups[2].QuerySelectorAll("[data-testid^=audit-row-]").Length);

        var removed = cut.Find("[data-testid=audit-row-5] [data-testid=audit-rule]");
        Assert.Contains("diff-removed", removed.ClassName);
        Assert.StartsWith("-", removed.TextContent.Trim());
        var added = cut.Find("[data-testid=audit-row-4] [data-testid=audit-rule]");
        Assert.Contains("diff-added", added.ClassName);
        Assert.StartsWith("+", added.TextContent.Trim());
        Assert.Equal("link client -> web:80/tcp", cut.Find("[data-testid=audit-row-4] [data-testid=rule-owner]").TextContent.Trim());
        Assert.Equal("port 8080/tcp -> web:80", cut.Find("[data-testid=audit-row-2] [data-testid=rule-owner]").TextContent.Trim());
    }

    [Fact]
    public async Task AuditAppended_PrependedIntoANewGroup()
    {
        var cut = Render();

        await Feed.AuditAppended.Writer.WriteAsync(
            [Row(8, 40.2, Portal12 with { Intent = 13 }), Row(7, 40, Portal12 with { Intent = 13 }, ChangeKind.Removed)],
            Xunit.TestContext.Current.CancellationToken);

        cut.WaitForAssertion(() =>
        {
            var first = cut.FindAll("[data-testid=audit-group]")[0];
            Assert.Equal(["audit-row-8", "audit-row-7"], first.QuerySelectorAll("[data-testid^=audit-row-]").Select(r => r.GetAttribute("data-testid")));
            Assert.Equal(4, cut.FindAll("[data-testid=audit-group]").Count);
        }, Patience);
    }

    [Fact]
    public void Filters_Applied_SentToSubscriptionAndCsvLink()
    {
        var cut = Render();

        cut.Find("#audit-filter-host").Input("docker1");
        cut.Find("#audit-filter-container").Input("web");
        cut.Find("#audit-filter-chain").Input("DOCKER");
        cut.Find("[data-testid=audit-filter-table-nat]").Click();
        cut.Find("[data-testid=audit-filter-cause-docker]").Click();
        cut.Find("#audit-filter-since").Input("2025-03-04T10:00");
        cut.Find("[data-testid=audit-filter-apply]").Click();

        cut.WaitForAssertion(() => Assert.Equal(2, Feed.AuditSubscriptions.Count), Patience);
        var sent = Feed.AuditSubscriptions[^1];
        Assert.Equal(new AuditQuery("docker1", "nat", "DOCKER", "web", "docker", T0), sent);
        cut.WaitForAssertion(() => Assert.Equal(["audit-row-2"], cut.FindAll("[data-testid^=audit-row-]").Select(r => r.GetAttribute("data-testid"))), Patience);
        Assert.Equal(
            "api/audit.csv?host=docker1&table=nat&chain=DOCKER&container=web&cause=docker&since=2025-03-04T10%3A00%3A00.0000000%2B00%3A00",
            cut.Find("[data-testid=audit-csv]").GetAttribute("href"));
    }

    [Fact]
    public void Older_PagesBackByIdAndAppends()
    {
        Api.Audit = Enumerable.Range(1, 250).Select(i => Row(i, i * 10, DockerStartWeb)).ToList();
        var cut = Render();
        Assert.Equal(200, cut.FindAll("[data-testid^=audit-row-]").Count);

        cut.Find("[data-testid=audit-older]").Click();

        cut.WaitForAssertion(() => Assert.Equal(250, cut.FindAll("[data-testid^=audit-row-]").Count), Patience);
        Assert.Equal(51, Api.AuditQueries[^1].Before);
        Assert.Single(cut.FindAll("[data-testid=audit-end]"));
    }

    [Fact]
    public void RulesAtTime_RebuiltRulesGroupedByTableAndChain()
    {
        Api.RulesAt =
        [
            new RuleAtTime("nat", "DOCKER", 1, "-A DOCKER -i docker0 -j RETURN"),
            new RuleAtTime("nat", "POSTROUTING", 1, "-A POSTROUTING -s 172.17.0.0/16 ! -o docker0 -j MASQUERADE"),
            new RuleAtTime("filter", "FORWARD", 1, "-A FORWARD -j DOCKER-USER"),
        ];
        var cut = Render();

        cut.Find("#rules-at-host").Input("docker1");
        cut.Find("#rules-at-time").Input("2025-03-04T10:00:15");
        cut.Find("[data-testid=rules-at-show]").Click();

        cut.WaitForElement("[data-testid=rules-at-chain-nat-POSTROUTING]", Patience);
        Assert.Equal(("docker1", T0.AddSeconds(15)), Api.RulesAtQueries.Single());
        var natChains = cut.FindAll("[data-testid=rules-at-nat] [data-testid^=rules-at-chain-]").Select(c => c.GetAttribute("data-testid"));
        Assert.Equal(["rules-at-chain-nat-POSTROUTING", "rules-at-chain-nat-DOCKER"], natChains);
        Assert.Contains("-A FORWARD -j DOCKER-USER", cut.Find("[data-testid=rules-at-chain-filter-FORWARD]").TextContent);
    }

    [Fact]
    public void CompareTwoMoments_DiffListStyled()
    {
        Api.Diff =
        [
            new RuleDiff("nat", "DOCKER", ChangeKind.Added, "-A DOCKER ! -i docker0 -p tcp -m tcp --dport 8080 -j DNAT --to-destination 172.17.0.2:80", 3),
            new RuleDiff("nat", "DOCKER", ChangeKind.Removed, "-A DOCKER ! -i docker0 -p tcp -m tcp --dport 8080 -j DNAT --to-destination 172.17.0.5:80", 3),
        ];
        var cut = Render();

        cut.Find("#rules-diff-host").Input("docker1");
        cut.Find("#rules-diff-from").Input("2025-03-04T10:00");
        cut.Find("#rules-diff-to").Input("2025-03-04T11:00");
        cut.Find("[data-testid=rules-diff-show]").Click();

        cut.WaitForElement("[data-testid=rules-diff-row]", Patience);
        Assert.Equal(("docker1", T0, T0.AddHours(1)), Api.DiffQueries.Single());
        var rows = cut.FindAll("[data-testid=rules-diff-row]");
        Assert.Equal(["removed", "added"], rows.Select(r => r.GetAttribute("data-change")));
        Assert.Contains("172.17.0.5:80", rows[0].TextContent);
        Assert.Contains("diff-removed", rows[0].ClassName);
    }

    [Fact]
    public async Task Disposed_CancelsItsSubscription()
    {
        var cut = Render();

        await cut.Instance.DisposeAsync();

        await Feed.SubscriptionCancelled.Task.WaitAsync(Patience, Xunit.TestContext.Current.CancellationToken);
    }

    private IRenderedComponent<AuditPage> Render()
    {
        var cut = Context.Render<AuditPage>();
        cut.WaitForElement("[data-testid=audit-timeline]", Patience);
        return cut;
    }
}
