using Portal.Core.Iptables;

namespace Portal.Core.Tests.Iptables;

public sealed class RuleCounterTrackerTests
{
    private const string Before = "*filter\n[5:300] -A DOCKER-USER -s 10.0.0.1/32 -j DROP\n[9:900] -A DOCKER-USER -j RETURN\nCOMMIT\n";

    [Fact]
    public void Update_FirstRead_EverythingIsNew()
    {
        var changes = new RuleCounterTracker().Update(RuleCounterParser.Parse(Before, false));

        Assert.Equal(2, changes.Changed.Count);
        Assert.Empty(changes.Removed);
    }

    [Fact]
    public void Update_SameCounts_NothingChanged()
    {
        var tracker = new RuleCounterTracker();
        tracker.Update(RuleCounterParser.Parse(Before, false));

        Assert.True(tracker.Update(RuleCounterParser.Parse(Before, false)).IsEmpty);
    }

    [Fact]
    public void Update_OneCountMoved_OnlyThatRule()
    {
        var tracker = new RuleCounterTracker();
        tracker.Update(RuleCounterParser.Parse(Before, false));

        var changes = tracker.Update(RuleCounterParser.Parse(Before.Replace("[9:900]", "[10:1000]", StringComparison.Ordinal), false));

        var moved = Assert.Single(changes.Changed);
        Assert.Equal("-A DOCKER-USER -j RETURN", moved.Key.Text);
        Assert.Equal(new PacketCounters(10, 1000), moved.Counters);
        Assert.Empty(changes.Removed);
    }

    [Fact]
    public void Update_RuleInsertedAbove_CountsStayWithTheirRules()
    {
        var tracker = new RuleCounterTracker();
        tracker.Update(RuleCounterParser.Parse(Before, false));
        var inserted = Before.Replace("*filter\n", "*filter\n[0:0] -A DOCKER-USER -s 10.0.0.2/32 -j DROP\n", StringComparison.Ordinal);

        var changes = tracker.Update(RuleCounterParser.Parse(inserted, false));

        // Every rule below the new one has a new index: each is a new key with its own count, the old keys are gone.
        Assert.Equal(
            [("-A DOCKER-USER -s 10.0.0.2/32 -j DROP", 1, 0UL), ("-A DOCKER-USER -s 10.0.0.1/32 -j DROP", 2, 5UL), ("-A DOCKER-USER -j RETURN", 3, 9UL)],
            changes.Changed.Select(c => (c.Key.Text, c.Key.Index, c.Counters.Packets)));
        Assert.Equal(
            [("-A DOCKER-USER -s 10.0.0.1/32 -j DROP", 1, 5UL), ("-A DOCKER-USER -j RETURN", 2, 9UL)],
            changes.Removed.OrderBy(c => c.Key.Index).Select(c => (c.Key.Text, c.Key.Index, c.Counters.Packets)));
    }

    [Fact]
    public void Update_Full_AnswersUnchangedCountersToo()
    {
        var tracker = new RuleCounterTracker();
        tracker.Update(RuleCounterParser.Parse(Before, false));

        Assert.Equal(2, tracker.Update(RuleCounterParser.Parse(Before, false), full: true).Changed.Count);
    }
}
