using Portal.Core.Iptables;
using Portal.Core.Tests.Support;

namespace Portal.Core.Tests.Iptables;

public sealed class RulesetParserTests
{
    public static TheoryData<string> CaptureFiles() => new(Captures.IptablesSaveFiles());

    [Theory]
    [MemberData(nameof(CaptureFiles))]
    public void Render_EveryCapture_EqualsInputByteForByte(string file)
    {
        var text = File.ReadAllText(file);

        var ruleset = RulesetParser.Parse(text);

        // iptables-save's "# Generated"/"# Completed" lines carry a timestamp and are not part of the model.
        var expected = string.Concat(text.Split('\n').Where(l => l.Length > 0 && !l.StartsWith('#')).Select(l => l + "\n"));
        Assert.Equal(expected, ruleset.Render());
        Assert.DoesNotContain(ruleset.AllRules, r => r.Verbatim);
        Assert.All(ruleset.AllRules, r => Assert.Equal(r.Text, r.Render()));
    }

    [Fact]
    public void Parse_LinkCapture_ReadsTablesChainsPoliciesAndRulesInOrder()
    {
        var ruleset = RulesetParser.Parse(Captures.Read("core-link-iptables.txt"));

        Assert.Equal(["filter", "nat"], ruleset.Tables.Select(t => t.Name));
        var filter = ruleset.Table("filter")!;
        Assert.Equal(["INPUT", "FORWARD", "OUTPUT", "DOCKER", "DOCKER-ISOLATION-STAGE-1", "DOCKER-ISOLATION-STAGE-2", "DOCKER-USER"], filter.Chains.Select(c => c.Name));
        Assert.Equal("DROP", filter.Chain("FORWARD")!.Policy);
        Assert.Equal("-", filter.Chain("DOCKER")!.Policy);
        Assert.Equal(new PacketCounters(0, 0), filter.Chain("INPUT")!.Counters);
        Assert.Empty(filter.Chain("INPUT")!.Rules);
        Assert.Equal(24, filter.Chain("DOCKER")!.Rules.Count);
        var forward = filter.Chain("FORWARD")!.Rules;
        Assert.Equal(6, forward.Count);
        Assert.Equal("-A FORWARD -j DOCKER-USER", forward[0].Text);
        Assert.Equal("-A FORWARD -i docker0 -o docker0 -j DROP", forward[5].Text);
        Assert.Equal([1, 2, 3, 4, 5, 6], forward.Select(r => r.Index));
        Assert.All(forward, r => Assert.Equal(("filter", "FORWARD"), (r.Table, r.Chain)));
        Assert.Equal(4, ruleset.Table("nat")!.Rules.Count());
        Assert.Equal(24 + 6 + 5 + 4, ruleset.AllRules.Count());
    }

    [Fact]
    public void Parse_LinkRule_ReadsAddressesInterfacesProtocolPortsAndTarget()
    {
        var rule = Single("-A DOCKER -s 172.17.0.3/32 -d 172.17.0.2/32 -i docker0 -o docker0 -p tcp -m tcp --dport 9001 -j ACCEPT");

        Assert.Equal(new RuleValue("172.17.0.3/32", false), rule.Source);
        Assert.Equal(new RuleValue("172.17.0.2/32", false), rule.Destination);
        Assert.Equal(new RuleValue("docker0", false), rule.InInterface);
        Assert.Equal(new RuleValue("docker0", false), rule.OutInterface);
        Assert.Equal(new RuleValue("tcp", false), rule.Protocol);
        Assert.Equal(new RuleValue("9001", false), rule.DestinationPort);
        Assert.Null(rule.SourcePort);
        Assert.Equal(["tcp"], rule.Modules);
        Assert.Equal("ACCEPT", rule.Target);
        Assert.False(rule.IsGoto);
        var dport = rule.Option("--dport")!;
        Assert.Equal((RuleOptionScope.Match, "tcp"), (dport.Scope, dport.Module));
    }

    [Fact]
    public void Parse_NegationBeforeOption_MarksOnlyThatOption()
    {
        var rule = Single("-A DOCKER ! -s 10.0.0.0/8 -d 127.0.0.1/32 ! -i docker0 -p tcp -m tcp --dport 9090 -j DNAT --to-destination 172.17.0.2:80");

        Assert.Equal(new RuleValue("10.0.0.0/8", true), rule.Source);
        Assert.Equal(new RuleValue("127.0.0.1/32", false), rule.Destination);
        Assert.Equal(new RuleValue("docker0", true), rule.InInterface);
        Assert.Equal("DNAT", rule.Target);
        Assert.Equal("172.17.0.2:80", rule.TargetValue("--to-destination"));
        Assert.Equal(["--to-destination"], rule.TargetOptions.Select(o => o.Name));
    }

    [Fact]
    public void Parse_OldNegationAfterOptionName_ReadsNegatedAndRendersTheSameForm()
    {
        const string text = "-A INPUT -s ! 10.0.0.0/8 -p tcp -m tcp --dport ! 22 -j DROP";

        var rule = Single(text);

        Assert.Equal(new RuleValue("10.0.0.0/8", true), rule.Source);
        Assert.Equal(new RuleValue("22", true), rule.DestinationPort);
        Assert.True(rule.Option("-s")!.NegatedAfterName);
        Assert.False(rule.Verbatim);
        Assert.Equal(text, rule.Render());
    }

    [Fact]
    public void Parse_NegatedMatchOptions_ReadsNegationOfModuleOptions()
    {
        var ruleset = RulesetParser.Parse(Captures.Read("core-handmade.txt"));
        var input = ruleset.Table("filter")!.Chain("INPUT")!.Rules;

        Assert.Equal(new RuleValue("22", true), input[4].DestinationPort);
        Assert.Equal(new RuleValue("53", true), input[5].SourcePort);
        var srcType = input[6].Option("--src-type")!;
        Assert.True(srcType.Negated);
        Assert.Equal(("LOCAL", "addrtype"), (srcType.Value, srcType.Module));
        Assert.Equal(["addrtype", "limit"], input[6].Modules);
    }

    [Fact]
    public void Parse_RejectAndLog_ReadsTargetOptions()
    {
        var input = RulesetParser.Parse(Captures.Read("core-handmade.txt")).Table("filter")!.Chain("INPUT")!.Rules;

        Assert.Equal("REJECT", input[4].Target);
        Assert.Equal("tcp-reset", input[4].TargetValue("--reject-with"));
        Assert.Equal("icmp-port-unreachable", input[5].TargetValue("--reject-with"));
        Assert.Equal("LOG", input[6].Target);
        Assert.Equal("in drop: ", input[6].TargetValue("--log-prefix"));
        Assert.Equal("\"in drop: \"", input[6].Option("--log-prefix")!.RawValues[0]);
    }

    [Fact]
    public void Parse_QuotedComments_DecodesQuotesAndEscapes()
    {
        var ruleset = RulesetParser.Parse(Captures.Read("core-handmade.txt"));
        var input = ruleset.Table("filter")!.Chain("INPUT")!.Rules;

        // As written to iptables-restore: "web \"front\" ports", plain, "back\\slash and 'single'".
        Assert.Equal("web \"front\" ports", input[3].Option("--comment")!.Value);
        Assert.Equal("plain", input[4].Option("--comment")!.Value);
        Assert.Equal("back\\slash and 'single'", input[7].Option("--comment")!.Value);
        Assert.Equal("comment", input[3].Option("--comment")!.Module);
        Assert.Equal("dns for web", ruleset.Table("nat")!.Chain("DOCKER")!.Rules[1].Option("--comment")!.Value);
    }

    [Fact]
    public void Parse_MultiportConntrackAndTwoValueOptions_KeepsEveryValue()
    {
        var ruleset = RulesetParser.Parse(Captures.Read("core-handmade.txt"));
        var input = ruleset.Table("filter")!.Chain("INPUT")!.Rules;

        Assert.Equal("80,443,8000:8100", input[3].Option("--dports")!.Value);
        Assert.Equal("multiport", input[3].Option("--dports")!.Module);
        Assert.Equal("RELATED,ESTABLISHED", input[1].Option("--ctstate")!.Value);
        Assert.Equal(["FIN,SYN,RST,ACK", "SYN"], input[8].Option("--tcp-flags")!.Values);
        Assert.Empty(input[8].Option("--connlimit-saddr")!.Values);
        var mangle = ruleset.Table("mangle")!.Chain("POSTROUTING")!.Rules[0];
        Assert.Equal("TCPMSS", mangle.Target);
        Assert.Empty(mangle.Option("--clamp-mss-to-pmtu")!.Values);
    }

    [Fact]
    public void Parse_UnknownModules_KeepsTheirOptionsVerbatim()
    {
        var core = RulesetParser.Parse(Captures.Read("core-handmade.txt")).Table("filter")!.Chain("core-user")!.Rules;

        Assert.Equal("0x0>>0x16&0x3c@0x0>>0x10=0x50", core[0].Option("--u32")!.Value);
        Assert.Equal("u32", core[0].Option("--u32")!.Module);
        Assert.Equal("GET /x", core[1].Option("--string")!.Value);
        Assert.Equal("DOCKER-USER", core[2].Target);
        Assert.True(core[2].IsGoto);
        Assert.All(core, r => Assert.False(r.Verbatim));
    }

    [Fact]
    public void Parse_EveryTable_ReadsRawMangleSecurityFilterNat()
    {
        var ruleset = RulesetParser.Parse(Captures.Read("core-handmade.txt"));

        Assert.Equal(["mangle", "security", "raw", "filter", "nat"], ruleset.Tables.Select(t => t.Name));
        Assert.Equal("NOTRACK", ruleset.Table("raw")!.Chain("OUTPUT")!.Rules[0].Target);
        Assert.Equal("MARK", ruleset.Table("mangle")!.Chain("PREROUTING")!.Rules[0].Target);
        Assert.Equal("0x1/0xffffffff", ruleset.Table("mangle")!.Chain("PREROUTING")!.Rules[0].TargetValue("--set-xmark"));
        Assert.Equal("NEW", ruleset.Table("security")!.Chain("INPUT")!.Rules[0].Option("--state")!.Value);
        Assert.Equal("10.20.30.100", ruleset.Table("nat")!.Chain("POSTROUTING")!.Rules[0].TargetValue("--to-source"));
        Assert.Equal("1024-65535", ruleset.Table("nat")!.Chain("POSTROUTING")!.Rules[1].TargetValue("--to-ports"));
    }

    [Fact]
    public void Parse_RuleCounters_StripsPrefixFromTextAndKeepsCounters()
    {
        const string save = "*filter\n:INPUT ACCEPT [12:3400]\n:FORWARD DROP [5:600]\n[7:420] -A INPUT -i lo -j ACCEPT\n[0:0] -A FORWARD -j DOCKER-USER\nCOMMIT\n";

        var ruleset = RulesetParser.Parse(save);

        var input = ruleset.Table("filter")!.Chain("INPUT")!;
        Assert.Equal(new PacketCounters(12, 3400), input.Counters);
        Assert.Equal("-A INPUT -i lo -j ACCEPT", input.Rules[0].Text);
        Assert.Equal(new PacketCounters(7, 420), input.Rules[0].Counters);
        Assert.Equal(new PacketCounters(0, 0), ruleset.Table("filter")!.Chain("FORWARD")!.Rules[0].Counters);
        Assert.Equal(save, ruleset.Render());
    }

    [Fact]
    public void Parse_CapturedCounters_TextsEqualThePlainCapture()
    {
        var plain = RulesetParser.Parse(Captures.Read("core-handmade.txt"));
        var counted = RulesetParser.Parse(Captures.Read("core-handmade-counters.txt"));

        Assert.Equal(plain.AllRules.Select(r => r.Text), counted.AllRules.Select(r => r.Text));
        Assert.All(counted.AllRules, r => Assert.NotNull(r.Counters));
        Assert.All(plain.AllRules, r => Assert.Null(r.Counters));
        Assert.Empty(RulesetDiffer.Diff(plain, counted));
    }

    [Fact]
    public void Parse_GarbageLines_KeepsThemVerbatimWithoutThrowing()
    {
        const string save = "*filter\n:INPUT ACCEPT [0:0]\nthis is not a rule\n-A INPUT -m comment --comment \"unterminated -j ACCEPT\n"
            + "-A INPUT  -j ACCEPT\n-A INPUT -j ACCEPT\n-A\n[1:x] -A INPUT -j DROP\n:BROKEN\n-A INPUT 10.0.0.1\nCOMMIT\n";

        var ruleset = RulesetParser.Parse(save);

        var rules = ruleset.AllRules.ToList();
        Assert.Equal(
            ["this is not a rule", "-A INPUT -m comment --comment \"unterminated -j ACCEPT", "-A INPUT  -j ACCEPT", "-A INPUT -j ACCEPT", "-A", "[1:x] -A INPUT -j DROP", ":BROKEN", "-A INPUT 10.0.0.1"],
            rules.OrderBy(r => r.Line).Select(r => r.Text));
        Assert.Equal([true, true, true, false, true, true, true, true], rules.OrderBy(r => r.Line).Select(r => r.Verbatim));
        Assert.Equal(["INPUT", ""], ruleset.Table("filter")!.Chains.Select(c => c.Name));
        Assert.Equal(save, ruleset.Render());
    }

    [Fact]
    public void Parse_NoInput_GivesEmptyRuleset()
    {
        Assert.Empty(RulesetParser.Parse(string.Empty).Tables);
        Assert.Empty(RulesetParser.Parse("# only a comment\n").AllRules);
    }

    [Fact]
    public void Parse_RulesWithoutTableOrDeclaredChain_KeepsThem()
    {
        var ruleset = RulesetParser.Parse("-A INPUT -j ACCEPT\n");

        var rule = Assert.Single(ruleset.AllRules);
        Assert.Equal((string.Empty, "INPUT", 1), (rule.Table, rule.Chain, rule.Index));
        Assert.Null(ruleset.Tables[0].Chain("INPUT")!.Policy);
    }

    [Fact]
    public void Options_ReadFromManyThreadsAtOnce_AreTheSameForEveryReader()
    {
        var text = Captures.Read("core-handmade.txt");
        var expected = RulesetParser.Parse(text).AllRules.Select(r => string.Join('|', r.Options.Select(o => $"{o.Negated}{o.Name}={string.Join(',', o.Values)}@{o.Module}"))).ToList();
        var ruleset = RulesetParser.Parse(text);
        var rules = ruleset.AllRules.ToList();

        var seen = new string[8][];
        Parallel.For(0, 8, reader =>
        {
            seen[reader] = rules.Select(r => string.Join('|', r.Options.Select(o => $"{o.Negated}{o.Name}={string.Join(',', o.Values)}@{o.Module}"))).ToArray();
        });

        Assert.All(seen, s => Assert.Equal(expected, s));
    }

    [Fact]
    public void Equals_SameRuleParsedTwice_IsEqualAndHashesAlike()
    {
        var first = RulesetParser.Parse(Captures.Read("core-link-iptables.txt")).AllRules.ToList();
        var second = RulesetParser.Parse(Captures.Read("core-link-iptables.txt")).AllRules.ToList();

        Assert.Equal(first, second);
        Assert.Equal(first.Select(r => r.GetHashCode()), second.Select(r => r.GetHashCode()));
        Assert.NotEqual(first[0], first[1]);
    }

    private static ParsedRule Single(string text)
    {
        var chain = text.Split(' ')[1];
        var rule = Assert.Single(RulesetParser.Parse($"*filter\n:{chain} - [0:0]\n{text}\nCOMMIT\n").AllRules);
        Assert.Equal(text, rule.Text);
        Assert.Equal(text, rule.Render());
        return rule;
    }
}
