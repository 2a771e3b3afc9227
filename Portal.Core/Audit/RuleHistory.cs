using System.Text;
using Portal.Contracts.Model;

namespace Portal.Core.Audit;

/// <summary>
/// Rebuilds the rules of a host at a past moment: a baseline (the rules the first snapshot held) plus every recorded
/// change up to that moment, replayed batch by batch in the order they happened. Within one batch (one observed
/// transition) removals use positions before it and additions positions after it, as the differ reports them.
/// </summary>
public sealed class RuleHistory
{
    private readonly List<(string Table, string Chain)> _order = [];
    private readonly Dictionary<(string Table, string Chain), List<string>> _chains = [];

    public RuleHistory(IEnumerable<Rule> baseline)
    {
        foreach (var rule in baseline)
        {
            Chain(rule.Table, rule.Chain).Add(rule.Text);
        }
    }

    /// <summary>Applies one batch of changes (one observed transition).</summary>
    public void Apply(IReadOnlyList<RuleChange> batch)
    {
        foreach (var removal in batch.Where(c => c.Change == ChangeKind.Removed).OrderByDescending(c => c.Index))
        {
            var rules = Chain(removal.Table, removal.Chain);
            var at = removal.Index - 1;
            if (at >= 0 && at < rules.Count && rules[at] == removal.Text)
            {
                rules.RemoveAt(at);
            }
            else
            {
                // A batch recorded without positions (or out of step): remove the last copy of the text.
                var last = rules.LastIndexOf(removal.Text);
                if (last >= 0)
                {
                    rules.RemoveAt(last);
                }
            }
        }

        foreach (var addition in batch.Where(c => c.Change == ChangeKind.Added).OrderBy(c => c.Index))
        {
            var rules = Chain(addition.Table, addition.Chain);
            var at = addition.Index - 1;
            rules.Insert(at >= 0 && at <= rules.Count ? at : rules.Count, addition.Text);
        }
    }

    /// <summary>The rules of one chain, in order.</summary>
    public IReadOnlyList<string> Rules(string table, string chain) =>
        _chains.TryGetValue((table, chain), out var rules) ? rules : [];

    /// <summary>Every rule as (table, chain, 1-based index, text), chains in the order first seen.</summary>
    public IReadOnlyList<Rule> Snapshot() =>
        _order.SelectMany(key => _chains[key].Select((text, i) => new Rule(key.Table, key.Chain, i + 1, text, RuleOwner.Unknown))).ToList();

    /// <summary>The rules of one table as iptables-save prints its <c>-A</c> lines, chains in the order first seen.</summary>
    public string ToSaveLines(string table)
    {
        var text = new StringBuilder();
        foreach (var key in _order.Where(k => k.Table == table))
        {
            foreach (var rule in _chains[key])
            {
                text.Append(rule).Append('\n');
            }
        }

        return text.ToString();
    }

    private List<string> Chain(string table, string chain)
    {
        if (!_chains.TryGetValue((table, chain), out var rules))
        {
            _chains[(table, chain)] = rules = [];
            _order.Add((table, chain));
        }

        return rules;
    }
}
