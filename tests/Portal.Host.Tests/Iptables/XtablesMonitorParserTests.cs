using Portal.Host.Iptables;

namespace Portal.Host.Tests.Iptables;

public sealed class XtablesMonitorParserTests
{
    // Captured from `stdbuf -oL xtables-monitor -e -4` (iptables 1.8.9, nf_tables) in a scratch namespace while
    // iptables, iptables-restore --noflush and ip6tables ran there.
    private const string Capture = """
         EVENT: nft: NEW table: table nat ip flags 0 use 1 handle 1
         EVENT: -4 -t nat -N DOCKER
        NEWGEN: GENID=2 PID=8382 NAME=iptables
         EVENT: -4 -t nat -A DOCKER ! -i docker0 -p tcp -m tcp --dport 8080 -j DNAT --to-destination 172.17.0.2:80
        NEWGEN: GENID=3 PID=8383 NAME=iptables
         EVENT: nft: NEW table: table filter ip flags 0 use 1 handle 2
         EVENT: # nft: ip filter FORWARD use 1 type filter hook forward prio 0 policy accept packets 0 bytes 0 flags 1
         EVENT: -4 -t filter -A FORWARD -i docker0 -o docker0 -j DROP
        NEWGEN: GENID=4 PID=8384 NAME=iptables
         EVENT: -4 -t filter -D FORWARD -i docker0 -o docker0 -j DROP
        NEWGEN: GENID=5 PID=8385 NAME=iptables
         EVENT: # nft: ip filter FORWARD use 0 type filter hook forward prio 0 policy drop packets 0 bytes 0 flags 1
        NEWGEN: GENID=6 PID=8386 NAME=iptables
         EVENT: -4 -t nat -D DOCKER ! -i docker0 -p tcp -m tcp --dport 8080 -j DNAT --to-destination 172.17.0.2:80
        NEWGEN: GENID=7 PID=8387 NAME=iptables
         EVENT: -4 -t nat -X DOCKER
        NEWGEN: GENID=8 PID=8388 NAME=iptables
         EVENT: -4 -t filter -N FOO
         EVENT: -4 -t filter -A FOO -j RETURN
         EVENT: # nft: ip filter INPUT use 1 type filter hook input prio 0 policy accept packets 0 bytes 0 flags 1
         EVENT: -4 -t filter -A INPUT -j FOO
        NEWGEN: GENID=9 PID=8390 NAME=iptables-restor
        NEWGEN: GENID=10 PID=8391 NAME=ip6tables
        """;

    private static List<XtablesBatch> ParseAll(string text)
    {
        var parser = new XtablesMonitorParser();
        return [.. text.Split('\n').Select(parser.Accept).OfType<XtablesBatch>()];
    }

    [Fact]
    public void Accept_CapturedStream_OneBatchPerGeneration()
    {
        var batches = ParseAll(Capture);

        Assert.Equal([2L, 3, 4, 5, 6, 7, 8, 9, 10], batches.Select(b => b.Generation));
        Assert.Equal([8382, 8383, 8384, 8385, 8386, 8387, 8388, 8390, 8391], batches.Select(b => b.Pid));
        Assert.Equal("iptables-restor", batches[7].Process);
        Assert.Equal("ip6tables", batches[8].Process);
        Assert.Empty(batches[8].Events);
    }

    [Fact]
    public void Accept_RuleAppend_KeepsRuleTextAsIptablesSavePrintsIt()
    {
        var batch = ParseAll(Capture)[1];

        var rule = Assert.Single(batch.Events);
        Assert.Equal("-4", rule.Family);
        Assert.Equal("nat", rule.Table);
        Assert.Equal("A", rule.Command);
        Assert.Equal("DOCKER", rule.Chain);
        Assert.Equal("-A DOCKER ! -i docker0 -p tcp -m tcp --dport 8080 -j DNAT --to-destination 172.17.0.2:80", rule.RuleText);
    }

    [Fact]
    public void Accept_RestoreTransaction_GroupsEveryEventOfTheCommit()
    {
        var batch = ParseAll(Capture)[7];

        Assert.Equal(4, batch.Events.Count);
        Assert.Equal(["N", "A", null, "A"], batch.Events.Select(e => e.Command));
        Assert.Equal("-A INPUT -j FOO", batch.Events[3].RuleText);
        Assert.Null(batch.Events[2].Table);
        Assert.StartsWith("# nft: ip filter INPUT", batch.Events[2].Raw);
    }

    [Fact]
    public void Accept_ChainCommands_HaveChainAndNoRuleTextForPolicyLines()
    {
        var batches = ParseAll(Capture);

        var create = batches[0].Events[1];
        Assert.Equal(("nat", "N", "DOCKER"), (create.Table, create.Command, create.Chain));
        var delete = batches[3].Events[0];
        Assert.Equal("-D FORWARD -i docker0 -o docker0 -j DROP", delete.RuleText);
        var policy = batches[4].Events[0];
        Assert.Null(policy.Command);
        Assert.Contains("policy drop", policy.Raw);
    }

    [Fact]
    public void Accept_LinesWithoutGeneration_ProduceNothingYet()
    {
        var parser = new XtablesMonitorParser();

        Assert.Null(parser.Accept(" EVENT: -4 -t filter -A FORWARD -j ACCEPT"));
        Assert.Null(parser.Accept("some warning the tool printed"));
        var batch = parser.Accept("NEWGEN: GENID=41 PID=77 NAME=dockerd");

        Assert.NotNull(batch);
        Assert.Equal(41, batch.Generation);
        Assert.Equal("dockerd", batch.Process);
        Assert.Equal("-A FORWARD -j ACCEPT", Assert.Single(batch.Events).RuleText);
    }

    [Fact]
    public void ParseEvent_Ip6tablesRule_TableNamedAsTheIpv6Ruleset()
    {
        var rule = XtablesMonitorParser.ParseEvent("-6 -t filter -A DOCKER -d fd00:3::242:ac11:2/128 ! -i docker0 -o docker0 -p tcp -m tcp --dport 80 -j ACCEPT");

        Assert.Equal(("-6", "ip6:filter", "A", "DOCKER"), (rule.Family, rule.Table, rule.Command, rule.Chain));
        Assert.Equal("-A DOCKER -d fd00:3::242:ac11:2/128 ! -i docker0 -o docker0 -p tcp -m tcp --dport 80 -j ACCEPT", rule.RuleText);
        Assert.Equal("filter", XtablesMonitorParser.ParseEvent("-4 -t filter -A FOO -j RETURN").Table);
    }
}
