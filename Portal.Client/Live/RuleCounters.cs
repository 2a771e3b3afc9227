using Portal.Contracts.Model;

namespace Portal.Client.Live;

/// <summary>
/// A page's picture of a host's rule counters, immutable: each update makes a new one. A rule's counts are found by
/// its family, table, chain, index and text, so a count never shows on a rule that took another's place.
/// <see cref="IsMoved"/> marks the rules whose counts moved in the last update, which the rule table highlights;
/// <see cref="Generation"/> counts the updates, so the highlight can start again on each.
/// </summary>
public sealed class RuleCounters
{
    private readonly Dictionary<Key, RuleCounter> _byRule;
    private readonly HashSet<Key> _moved;

    private RuleCounters(Dictionary<Key, RuleCounter> byRule, HashSet<Key> moved, int generation)
    {
        _byRule = byRule;
        _moved = moved;
        Generation = generation;
    }

    public static RuleCounters Empty { get; } = new([], [], 0);

    public int Generation { get; }

    public int Count => _byRule.Count;

    public static RuleCounters From(IReadOnlyList<RuleCounter> counters) => Empty.Apply(counters, highlight: false);

    /// <summary>The counters after a batch (each replaces its rule's); with <paramref name="highlight"/>, the ones that moved are marked.</summary>
    public RuleCounters Apply(IReadOnlyList<RuleCounter> batch, bool highlight = true)
    {
        var byRule = new Dictionary<Key, RuleCounter>(_byRule);
        var moved = new HashSet<Key>();
        foreach (var counter in batch)
        {
            var key = new Key(counter.Ipv6, counter.Table, counter.Chain, counter.Index, counter.Text);
            if (highlight && (!byRule.TryGetValue(key, out var before) || before.Packets != counter.Packets || before.Bytes != counter.Bytes))
            {
                moved.Add(key);
            }

            byRule[key] = counter;
        }

        return new RuleCounters(byRule, moved, Generation + 1);
    }

    public RuleCounter? For(Rule rule) => _byRule.GetValueOrDefault(Of(rule));

    public bool IsMoved(Rule rule) => _moved.Contains(Of(rule));

    /// <summary>An IPv4 rule's counter by its text alone, wherever it stands in its chain (null when none is known).</summary>
    public RuleCounter? ByText(string table, string chain, string text) =>
        _byRule.Values.FirstOrDefault(c => !c.Ipv6 && c.Table == table && c.Chain == chain && c.Text == text);

    private static Key Of(Rule rule) => new(rule.Ipv6, rule.Table, rule.Chain, rule.Index, rule.Text);

    private readonly record struct Key(bool Ipv6, string Table, string Chain, int Index, string Text);
}
