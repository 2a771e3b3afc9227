using Portal.Contracts.Model;
using Portal.Core.Iptables;
using Portal.Core.Tests.Support;

namespace Portal.Core.Tests.Iptables;

public sealed class RulesetDifferTests
{
    [Fact]
    public void Diff_SameCapture_IsEmpty()
    {
        var text = Captures.Read("core-ports-iptables.txt");

        Assert.Empty(RulesetDiffer.Diff(RulesetParser.Parse(text), RulesetParser.Parse(text)));
        Assert.Empty(RulesetDiffer.DiffChains(RulesetParser.Parse(text), RulesetParser.Parse(text)));
    }

    [Fact]
    public void Diff_ChildMovedToNewAddress_GivesDockersRealChanges()
    {
        // Lab: core-web stopped, core-filler took its address 172.17.0.2, core-web came back on 172.17.0.4.
        var before = RulesetParser.Parse(Captures.Read("core-ports-iptables.txt"));
        var after = RulesetParser.Parse(Captures.Read("core-stale-iptables.txt"));

        var diffs = RulesetDiffer.Diff(before, after);

        Assert.Equal(
            [
                ("filter", "DOCKER", ChangeKind.Removed, "-A DOCKER -d 172.17.0.2/32 ! -i docker0 -o docker0 -p tcp -m tcp --dport 80 -j ACCEPT", 1),
                ("filter", "DOCKER", ChangeKind.Removed, "-A DOCKER -d 172.17.0.2/32 ! -i docker0 -o docker0 -p udp -m udp --dport 53 -j ACCEPT", 2),
                ("filter", "DOCKER", ChangeKind.Added, "-A DOCKER -d 172.17.0.4/32 ! -i docker0 -o docker0 -p tcp -m tcp --dport 80 -j ACCEPT", 8),
                ("filter", "DOCKER", ChangeKind.Added, "-A DOCKER -d 172.17.0.4/32 ! -i docker0 -o docker0 -p udp -m udp --dport 53 -j ACCEPT", 9),
                ("nat", "POSTROUTING", ChangeKind.Removed, "-A POSTROUTING -s 172.17.0.2/32 -d 172.17.0.2/32 -p tcp -m tcp --dport 80 -j MASQUERADE", 3),
                ("nat", "POSTROUTING", ChangeKind.Removed, "-A POSTROUTING -s 172.17.0.2/32 -d 172.17.0.2/32 -p udp -m udp --dport 53 -j MASQUERADE", 4),
                ("nat", "POSTROUTING", ChangeKind.Added, "-A POSTROUTING -s 172.17.0.4/32 -d 172.17.0.4/32 -p tcp -m tcp --dport 80 -j MASQUERADE", 4),
                ("nat", "POSTROUTING", ChangeKind.Added, "-A POSTROUTING -s 172.17.0.4/32 -d 172.17.0.4/32 -p udp -m udp --dport 53 -j MASQUERADE", 5),
                ("nat", "DOCKER", ChangeKind.Removed, "-A DOCKER ! -i docker0 -p tcp -m tcp --dport 8080 -j DNAT --to-destination 172.17.0.2:80", 3),
                ("nat", "DOCKER", ChangeKind.Removed, "-A DOCKER ! -i docker0 -p udp -m udp --dport 5353 -j DNAT --to-destination 172.17.0.2:53", 4),
                ("nat", "DOCKER", ChangeKind.Added, "-A DOCKER ! -i docker0 -p tcp -m tcp --dport 8080 -j DNAT --to-destination 172.17.0.4:80", 4),
                ("nat", "DOCKER", ChangeKind.Added, "-A DOCKER ! -i docker0 -p udp -m udp --dport 5353 -j DNAT --to-destination 172.17.0.4:53", 5),
            ],
            diffs.Select(d => (d.Table, d.Chain, d.Change, d.Text, d.Index)));
    }

    [Fact]
    public void Diff_OneOfTwoIdenticalRulesRemoved_GivesExactlyOneRemoval()
    {
        var before = Parse("-A DOCKER-USER -s 10.0.0.1/32 -j DROP", "-A DOCKER-USER -j LOG", "-A DOCKER-USER -s 10.0.0.1/32 -j DROP", "-A DOCKER-USER -j RETURN");
        var after = Parse("-A DOCKER-USER -s 10.0.0.1/32 -j DROP", "-A DOCKER-USER -j LOG", "-A DOCKER-USER -j RETURN");

        var diff = Assert.Single(RulesetDiffer.Diff(before, after));

        Assert.Equal((ChangeKind.Removed, "-A DOCKER-USER -s 10.0.0.1/32 -j DROP", 3), (diff.Change, diff.Text, diff.Index));
    }

    [Fact]
    public void Diff_DuplicateAdded_GivesExactlyOneAddition()
    {
        var before = Parse("-A DOCKER-USER -j LOG", "-A DOCKER-USER -j RETURN");
        var after = Parse("-A DOCKER-USER -j LOG", "-A DOCKER-USER -j LOG", "-A DOCKER-USER -j RETURN");

        var diff = Assert.Single(RulesetDiffer.Diff(before, after));

        Assert.Equal((ChangeKind.Added, "-A DOCKER-USER -j LOG"), (diff.Change, diff.Text));
    }

    [Fact]
    public void Diff_RuleMovedToTheTop_IsRemovedAtOldPlaceAndAddedAtNew()
    {
        var before = Parse("-A DOCKER-USER -j A", "-A DOCKER-USER -j B", "-A DOCKER-USER -j C", "-A DOCKER-USER -j RETURN");
        var after = Parse("-A DOCKER-USER -j C", "-A DOCKER-USER -j A", "-A DOCKER-USER -j B", "-A DOCKER-USER -j RETURN");

        var diffs = RulesetDiffer.Diff(before, after);

        Assert.Equal(
            [(ChangeKind.Added, "-A DOCKER-USER -j C", 1), (ChangeKind.Removed, "-A DOCKER-USER -j C", 3)],
            diffs.Select(d => (d.Change, d.Text, d.Index)).OrderBy(d => d.Change));
    }

    [Fact]
    public void Diff_CountersOnly_IsNoChange()
    {
        var before = RulesetParser.Parse("*filter\n:INPUT ACCEPT [0:0]\n[0:0] -A INPUT -j ACCEPT\nCOMMIT\n");
        var after = RulesetParser.Parse("*filter\n:INPUT ACCEPT [9:900]\n[9:900] -A INPUT -j ACCEPT\nCOMMIT\n");

        Assert.Empty(RulesetDiffer.Diff(before, after));
        Assert.Empty(RulesetDiffer.DiffChains(before, after));
    }

    [Fact]
    public void Diff_ChainCreatedAndDeleted_AddsAndRemovesAllItsRules()
    {
        var before = RulesetParser.Parse("*filter\n:OLD - [0:0]\n-A OLD -j RETURN\n-A OLD -j DROP\nCOMMIT\n");
        var after = RulesetParser.Parse("*filter\n:PORTAL-ICC - [0:0]\n-A PORTAL-ICC -j RETURN\nCOMMIT\n");

        var rules = RulesetDiffer.Diff(before, after);
        var chains = RulesetDiffer.DiffChains(before, after);

        Assert.Equal(
            [("PORTAL-ICC", ChangeKind.Added, "-A PORTAL-ICC -j RETURN", 1), ("OLD", ChangeKind.Removed, "-A OLD -j RETURN", 1), ("OLD", ChangeKind.Removed, "-A OLD -j DROP", 2)],
            rules.Select(d => (d.Chain, d.Change, d.Text, d.Index)));
        Assert.Equal(
            [new ChainDiff("filter", "PORTAL-ICC", "created", null, "-"), new ChainDiff("filter", "OLD", "deleted", "-", null)],
            chains);
    }

    [Fact]
    public void DiffChains_PolicyChanged_ReportsBothPolicies()
    {
        var before = RulesetParser.Parse("*filter\n:FORWARD ACCEPT [0:0]\nCOMMIT\n");
        var after = RulesetParser.Parse("*filter\n:FORWARD DROP [0:0]\nCOMMIT\n");

        Assert.Equal([new ChainDiff("filter", "FORWARD", "policy", "ACCEPT", "DROP")], RulesetDiffer.DiffChains(before, after));
        Assert.Empty(RulesetDiffer.Diff(before, after));
    }

    [Fact]
    public void Diff_SameChainNameInTwoTables_ComparesEachTableOnItsOwn()
    {
        var before = RulesetParser.Parse("*filter\n:DOCKER - [0:0]\n-A DOCKER -j RETURN\nCOMMIT\n*nat\n:DOCKER - [0:0]\nCOMMIT\n");
        var after = RulesetParser.Parse("*filter\n:DOCKER - [0:0]\nCOMMIT\n*nat\n:DOCKER - [0:0]\n-A DOCKER -j RETURN\nCOMMIT\n");

        Assert.Equal(
            [("filter", ChangeKind.Removed), ("nat", ChangeKind.Added)],
            RulesetDiffer.Diff(before, after).Select(d => (d.Table, d.Change)).OrderBy(d => d.Table));
    }

    [Fact]
    public void Diff_LargeRewrite_StillCountsEveryDifference()
    {
        // More edits than the exact algorithm keeps a trace for: the multiset fallback must still be exact in count.
        var before = Parse(Enumerable.Range(0, 6000).Select(i => $"-A DOCKER -s 10.0.{i / 250}.{i % 250}/32 -j ACCEPT").ToArray());
        var after = Parse(Enumerable.Range(3000, 6000).Select(i => $"-A DOCKER -s 10.0.{i / 250}.{i % 250}/32 -j ACCEPT").Reverse().ToArray());

        var diffs = RulesetDiffer.Diff(before, after);

        Assert.Equal(3000, diffs.Count(d => d.Change == ChangeKind.Removed));
        Assert.Equal(3000, diffs.Count(d => d.Change == ChangeKind.Added));
        Assert.Contains(diffs, d => d.Change == ChangeKind.Removed && d.Text == "-A DOCKER -s 10.0.0.0/32 -j ACCEPT");
        Assert.Contains(diffs, d => d.Change == ChangeKind.Added && d.Text == "-A DOCKER -s 10.0.35.249/32 -j ACCEPT");
    }

    [Fact]
    public void Diff_RandomEdits_ApplyingTheDiffGivesTheAfterSide()
    {
        var random = new Random(7);
        for (var round = 0; round < 200; round++)
        {
            var before = Enumerable.Range(0, random.Next(0, 30)).Select(_ => $"-A X -j T{random.Next(0, 6)}").ToList();
            var after = new List<string>(before);
            for (var edit = random.Next(0, 6); edit > 0; edit--)
            {
                if (after.Count > 0 && random.Next(2) == 0)
                {
                    after.RemoveAt(random.Next(after.Count));
                }
                else
                {
                    after.Insert(random.Next(after.Count + 1), $"-A X -j T{random.Next(0, 6)}");
                }
            }

            var diffs = RulesetDiffer.Diff(Parse([.. before]), Parse([.. after]));

            // Removals name positions in the before list, additions positions in the after list: replaying them must
            // rebuild the after list exactly (the ground truth is the list the test built, not the differ's output).
            var kept = before.Where((_, i) => !diffs.Any(d => d.Change == ChangeKind.Removed && d.Index == i + 1)).ToList();
            foreach (var added in diffs.Where(d => d.Change == ChangeKind.Added).OrderBy(d => d.Index))
            {
                kept.Insert(added.Index - 1, added.Text);
            }

            Assert.Equal(after, kept);
            Assert.True(diffs.Count <= before.Count + after.Count);
        }
    }

    private static Ruleset Parse(params string[] rules)
    {
        var chain = rules.Length > 0 ? rules[0].Split(' ')[1] : "X";
        return RulesetParser.Parse($"*filter\n:{chain} - [0:0]\n" + string.Concat(rules.Select(r => r + "\n")) + "COMMIT\n");
    }
}
