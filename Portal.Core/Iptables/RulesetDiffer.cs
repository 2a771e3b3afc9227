namespace Portal.Core.Iptables;

/// <summary>
/// Compares two rulesets chain by chain. Order matters (a rule that moved is removed at its old place and added at
/// its new one) and identical rules are counted, not merged: two equal rules with one removed is one removal.
/// </summary>
public static class RulesetDiffer
{
    public static IReadOnlyList<RuleDiff> Diff(Ruleset before, Ruleset after)
    {
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(after);
        var diffs = new List<RuleDiff>();
        foreach (var (table, chain, old, @new) in ChainPairs(before, after))
        {
            ChainSequenceDiff.Diff(table, chain, old?.Rules ?? [], @new?.Rules ?? [], diffs);
        }

        return diffs;
    }

    /// <summary>Chains created or deleted and policies changed between two rulesets.</summary>
    public static IReadOnlyList<ChainDiff> DiffChains(Ruleset before, Ruleset after)
    {
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(after);
        var diffs = new List<ChainDiff>();
        foreach (var (table, chain, old, @new) in ChainPairs(before, after))
        {
            if (old is null && @new is not null)
            {
                diffs.Add(new ChainDiff(table, chain, ChainDiff.Created, null, @new.Policy));
            }
            else if (old is not null && @new is null)
            {
                diffs.Add(new ChainDiff(table, chain, ChainDiff.Deleted, old.Policy, null));
            }
            else if (old is not null && @new is not null && old.Policy != @new.Policy)
            {
                diffs.Add(new ChainDiff(table, chain, ChainDiff.PolicyChanged, old.Policy, @new.Policy));
            }
        }

        return diffs;
    }

    /// <summary>Every (table, chain) of either side: the after side's order first, then what only the before side has.</summary>
    private static IEnumerable<(string Table, string Chain, RuleChain? Before, RuleChain? After)> ChainPairs(Ruleset before, Ruleset after)
    {
        var beforeChains = new Dictionary<(string, string), RuleChain>();
        foreach (var table in before.Tables)
        {
            foreach (var chain in table.Chains)
            {
                beforeChains.TryAdd((table.Name, chain.Name), chain);
            }
        }

        var seen = new HashSet<(string, string)>();
        foreach (var table in after.Tables)
        {
            foreach (var chain in table.Chains)
            {
                if (seen.Add((table.Name, chain.Name)))
                {
                    beforeChains.TryGetValue((table.Name, chain.Name), out var old);
                    yield return (table.Name, chain.Name, old, chain);
                }
            }
        }

        foreach (var table in before.Tables)
        {
            foreach (var chain in table.Chains)
            {
                if (seen.Add((table.Name, chain.Name)))
                {
                    yield return (table.Name, chain.Name, chain, null);
                }
            }
        }
    }
}
