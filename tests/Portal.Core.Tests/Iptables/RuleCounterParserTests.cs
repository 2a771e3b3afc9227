using Portal.Core.Iptables;
using Portal.Core.Tests.Support;

namespace Portal.Core.Tests.Iptables;

public sealed class RuleCounterParserTests
{
    [Theory]
    [InlineData("core-handmade-counters.txt", false)]
    [InlineData("03-link-counters.txt", true)]
    public void Parse_CapturedCounters_EqualTheRulesetParsersRules(string capture, bool fixture)
    {
        var text = fixture ? Captures.Fixture(capture) : Captures.Read(capture);

        var counts = RuleCounterParser.Parse(text, ipv6: false);

        var expected = RulesetParser.Parse(text).AllRules
            .Select(r => new RuleCount(new RuleCountKey(false, r.Table, r.Chain, r.Index, r.Text), r.Counters!.Value));
        Assert.NotEmpty(counts);
        Assert.Equal(expected, counts);
    }

    [Fact]
    public void Parse_TwoTables_NumbersEachChainFromOnePerTable()
    {
        const string save = """
            *filter
            :INPUT ACCEPT [12:3400]
            :FORWARD DROP [5:600]
            [7:420] -A INPUT -i lo -j ACCEPT
            [18446744073709551615:1] -A FORWARD -j DOCKER-USER
            [3:180] -A INPUT -p tcp --dport 22 -j ACCEPT
            COMMIT
            *nat
            :PREROUTING ACCEPT [0:0]
            [9:540] -A PREROUTING -m addrtype --dst-type LOCAL -j DOCKER
            COMMIT
            """;

        var counts = RuleCounterParser.Parse(save, ipv6: true);

        Assert.Equal(
            [
                new RuleCount(new RuleCountKey(true, "filter", "INPUT", 1, "-A INPUT -i lo -j ACCEPT"), new PacketCounters(7, 420)),
                new RuleCount(new RuleCountKey(true, "filter", "FORWARD", 1, "-A FORWARD -j DOCKER-USER"), new PacketCounters(ulong.MaxValue, 1)),
                new RuleCount(new RuleCountKey(true, "filter", "INPUT", 2, "-A INPUT -p tcp --dport 22 -j ACCEPT"), new PacketCounters(3, 180)),
                new RuleCount(new RuleCountKey(true, "nat", "PREROUTING", 1, "-A PREROUTING -m addrtype --dst-type LOCAL -j DOCKER"), new PacketCounters(9, 540)),
            ],
            counts);
    }

    [Fact]
    public void Parse_LinesWithoutReadablePrefix_NumberedAsTheRulesetParserNumbersThem()
    {
        // A rule without a prefix keeps its place; a broken prefix is no rule of the chain (the ruleset parser keeps it verbatim elsewhere).
        const string save = "*filter\n-A INPUT -i lo -j ACCEPT\n[1:x] -A INPUT -j DROP\n[2:100] -A INPUT -j ACCEPT\n[3:5]\ngarbage\n";

        var count = Assert.Single(RuleCounterParser.Parse(save, ipv6: false));

        Assert.Equal(new RuleCountKey(false, "filter", "INPUT", 2, "-A INPUT -j ACCEPT"), count.Key);
        Assert.Equal(new PacketCounters(2, 100), count.Counters);
        var rule = RulesetParser.Parse(save).Table("filter")!.Chain("INPUT")!.Rules[1];
        Assert.Equal((rule.Index, rule.Text, rule.Counters), (count.Key.Index, count.Key.Text, (PacketCounters?)count.Counters));
    }

    [Fact]
    public void Parse_PlainSaveWithoutCounters_YieldsNothing()
    {
        Assert.Empty(RuleCounterParser.Parse(Captures.Read("core-handmade.txt"), ipv6: false));
    }
}
