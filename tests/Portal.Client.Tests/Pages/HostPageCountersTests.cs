using Bunit;
using Portal.Client.Pages;
using Portal.Client.Tests.Fakes;
using Portal.Contracts.Model;

namespace Portal.Client.Tests.Pages;

public sealed class HostPageCountersTests : PortalTestContext
{
    private const string Dnat = "-A DOCKER ! -i docker0 -p tcp -m tcp --dport 8080 -j DNAT --to-destination 172.17.0.2:80";
    private const string Link = "-A DOCKER -s 172.17.0.3/32 -d 172.17.0.2/32 -i docker0 -o docker0 -p tcp -m tcp --dport 80 -j ACCEPT";
    private const string Deny = "-A DOCKER-USER -s 10.9.9.9/32 -j DROP";

    public HostPageCountersTests() => Feed.Host = ClassicPicture.Docker1State();

    [Fact]
    public void HostPage_Counters_ShownBesideEachRuleInHumanUnits()
    {
        Api.Counters["docker1"] =
        [
            new RuleCounter("nat", "DOCKER", 2, Dnat, false, 1234, 3_565_158),
            new RuleCounter("filter", "DOCKER", 1, Link, false, 7, 420),
        ];

        var cut = Context.Render<HostPage>(p => p.Add(x => x.Host, "docker1"));

        cut.WaitForAssertion(() =>
        {
            Assert.Equal("1.2k", Cell(cut, "nat-DOCKER-2", "packets"));
            Assert.Equal("3.4 MiB", Cell(cut, "nat-DOCKER-2", "bytes"));
            Assert.Equal("7", Cell(cut, "filter-DOCKER-1", "packets"));
            Assert.Equal("420 B", Cell(cut, "filter-DOCKER-1", "bytes"));
            Assert.Equal("–", Cell(cut, "filter-DOCKER-USER-1", "packets"));
        }, Patience);
        Assert.Equal("1234", cut.Find("[data-testid=rule-row-nat-DOCKER-2] [data-testid=rule-packets]").GetAttribute("title"));
    }

    [Fact]
    public void HostPage_CounterOfAnotherTextAtTheSameIndex_NotShown()
    {
        // The agent read a rule that has since been replaced at index 1: its count must not land on the new one.
        Api.Counters["docker1"] = [new RuleCounter("filter", "DOCKER-USER", 1, "-A DOCKER-USER -s 10.1.1.1/32 -j DROP", false, 99, 9900)];

        var cut = Context.Render<HostPage>(p => p.Add(x => x.Host, "docker1"));

        cut.WaitForAssertion(() => Assert.Equal("–", Cell(cut, "filter-DOCKER-USER-1", "packets")), Patience);
    }

    [Fact]
    public void HostPage_LiveCounters_UpdateAndHighlightOnlyTheRuleThatMoved()
    {
        Api.Counters["docker1"] =
        [
            new RuleCounter("filter", "DOCKER-USER", 1, Deny, false, 0, 0),
            new RuleCounter("filter", "DOCKER", 1, Link, false, 7, 420),
        ];
        var cut = Context.Render<HostPage>(p => p.Add(x => x.Host, "docker1"));
        cut.WaitForAssertion(() => Assert.Equal("0", Cell(cut, "filter-DOCKER-USER-1", "packets")), Patience);
        Assert.Empty(cut.FindAll("tr[class^=counter-moved]"));

        Feed.CounterChanges.Writer.TryWrite([new RuleCounter("filter", "DOCKER-USER", 1, Deny, false, 3, 180), new RuleCounter("filter", "DOCKER", 1, Link, false, 7, 420)]);

        cut.WaitForAssertion(() =>
        {
            Assert.Equal("3", Cell(cut, "filter-DOCKER-USER-1", "packets"));
            Assert.Equal("180 B", Cell(cut, "filter-DOCKER-USER-1", "bytes"));
            Assert.StartsWith("counter-moved-", cut.Find("[data-testid=rule-row-filter-DOCKER-USER-1]").GetAttribute("class"), StringComparison.Ordinal);
            Assert.Null(cut.Find("[data-testid=rule-row-filter-DOCKER-1]").GetAttribute("class"));
        }, Patience);
        var first = cut.Find("[data-testid=rule-row-filter-DOCKER-USER-1]").GetAttribute("class");

        // The next move switches the class, so the flash starts again.
        Feed.CounterChanges.Writer.TryWrite([new RuleCounter("filter", "DOCKER-USER", 1, Deny, false, 4, 240)]);

        cut.WaitForAssertion(() =>
        {
            Assert.Equal("4", Cell(cut, "filter-DOCKER-USER-1", "packets"));
            Assert.NotEqual(first, cut.Find("[data-testid=rule-row-filter-DOCKER-USER-1]").GetAttribute("class"));
        }, Patience);
    }

    private static string Cell(IRenderedComponent<HostPage> cut, string row, string column) =>
        cut.Find($"[data-testid=rule-row-{row}] [data-testid=rule-{column}]").TextContent.Trim();
}
