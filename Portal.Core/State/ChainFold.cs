using Portal.Contracts.Model;

namespace Portal.Core.State;

/// <summary>
/// Rules keyed by (table, chain): a chain a delta carries replaces that chain's rules where they stood; a chain not held
/// yet goes after the last rule of its table. Other chains keep their rules and order.
/// </summary>
public static class ChainFold
{
    public static IReadOnlyList<Rule> Apply(IReadOnlyList<Rule> current, IReadOnlyList<ChainRules>? chains)
    {
        if (chains is not { Count: > 0 })
        {
            return current;
        }

        var changed = new Dictionary<(string, string), ChainRules>();
        foreach (var chain in chains)
        {
            changed[(chain.Table, chain.Chain)] = chain;
        }

        var placed = new HashSet<(string, string)>();
        var result = new List<Rule>(current.Count);
        foreach (var rule in current)
        {
            var key = (rule.Table, rule.Chain);
            if (!changed.TryGetValue(key, out var chain))
            {
                result.Add(rule);
            }
            else if (placed.Add(key))
            {
                result.AddRange(chain.Rules);
            }
        }

        foreach (var chain in changed.Values.Where(c => !placed.Contains((c.Table, c.Chain))))
        {
            var last = result.FindLastIndex(r => r.Table == chain.Table);
            result.InsertRange(last < 0 ? result.Count : last + 1, chain.Rules);
        }

        return result;
    }

    /// <summary>Two deltas' chains as one: a chain in both takes the later list.</summary>
    public static IReadOnlyList<ChainRules>? Merge(IReadOnlyList<ChainRules>? first, IReadOnlyList<ChainRules>? next)
    {
        if (first is not { Count: > 0 })
        {
            return next;
        }

        if (next is not { Count: > 0 })
        {
            return first;
        }

        var later = next.Select(c => (c.Table, c.Chain)).ToHashSet();
        return [.. first.Where(c => !later.Contains((c.Table, c.Chain))), .. next];
    }

    /// <summary>The rules grouped by (table, chain), each group in its order; groups in order of first appearance.</summary>
    public static IReadOnlyList<ChainRules> Chains(IReadOnlyList<Rule> rules)
    {
        var groups = new Dictionary<(string, string), List<Rule>>();
        var order = new List<(string Table, string Chain)>();
        foreach (var rule in rules)
        {
            var key = (rule.Table, rule.Chain);
            if (!groups.TryGetValue(key, out var list))
            {
                groups[key] = list = [];
                order.Add(key);
            }

            list.Add(rule);
        }

        return order.Select(k => new ChainRules(k.Table, k.Chain, groups[k])).ToList();
    }
}
