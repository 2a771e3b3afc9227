using Portal.Contracts.Model;
using Portal.Contracts.Plans;

namespace Portal.Core.Plans;

/// <summary>
/// A host's rules as a plan leaves them: each removed rule taken out (by its exact text), each added rule put where the
/// agent's writes put it. A plan names rules, not positions, so the position follows how the portal and Docker lay out
/// their chains: an unconditional jump into a chain goes first (the portal's jump is inserted at the top of
/// DOCKER-USER), any other rule before the chain's first DROP, REJECT or unconditional RETURN (accepts and translations
/// come before the catch-all drops in the portal's chain and in Docker's), in the plan's order.
/// </summary>
public static class PlannedRuleApplication
{
    private static readonly HashSet<string> Targets = new(StringComparer.Ordinal)
    {
        "ACCEPT", "DROP", "REJECT", "RETURN", "DNAT", "SNAT", "MASQUERADE", "REDIRECT", "LOG", "MARK", "CONNMARK", "NOTRACK", "CT",
    };

    /// <summary>The comment of the do-nothing rule that keeps a chain the plan empties.</summary>
    public const string EmptiedComment = "emptied by the plan";

    extension(HostSnapshot snapshot)
    {
        /// <summary>This snapshot with <paramref name="rules"/> applied to its IPv4 rules (IPv6 rules stay as they are).</summary>
        public HostSnapshot WithPlannedRules(IReadOnlyCollection<PlannedRule> rules)
        {
            ArgumentNullException.ThrowIfNull(rules);
            if (rules.Count == 0)
            {
                return snapshot;
            }

            var chains = snapshot.Rules.Where(r => !r.Ipv6)
                .GroupBy(r => (r.Table, r.Chain))
                .ToDictionary(g => g.Key, g => g.OrderBy(r => r.Index).ToList());
            foreach (var removed in rules.Where(r => r.Change == ChangeKind.Removed))
            {
                if (chains.TryGetValue((removed.Table, removed.Chain), out var chain))
                {
                    var at = chain.FindIndex(r => r.Text == removed.Text);
                    if (at >= 0)
                    {
                        chain.RemoveAt(at);
                    }
                }
            }

            var inserted = new Dictionary<(string, string), int>();
            foreach (var added in rules.Where(r => r.Change == ChangeKind.Added))
            {
                var key = (added.Table, added.Chain);
                if (!chains.TryGetValue(key, out var chain))
                {
                    chains[key] = chain = [];
                }

                var rule = new Rule(added.Table, added.Chain, 0, added.Text, RuleOwner.Unknown);
                var at = IsUnconditionalJump(added.Text) ? 0 : chain.FindIndex(r => EndsChain(r.Text));
                if (at < 0)
                {
                    at = chain.Count;
                }

                // Rules of one plan keep their order among themselves.
                if (inserted.TryGetValue(key, out var last) && at <= last)
                {
                    at = last + 1;
                }

                chain.Insert(at, rule);
                inserted[key] = at;
            }

            var result = snapshot.Rules.Where(r => r.Ipv6).ToList();
            foreach (var ((table, name), chain) in chains)
            {
                // A snapshot knows a chain by its rules: one the plan empties keeps a rule that does nothing, so a jump
                // to it still returns (as the kernel's empty chain does) instead of naming an unknown target.
                if (chain.Count == 0)
                {
                    chain.Add(new Rule(table, name, 1, $"-A {name} -m comment --comment \"{EmptiedComment}\"", RuleOwner.Unknown));
                }

                result.AddRange(chain.Select((r, i) => r with { Index = i + 1 }));
            }

            return snapshot with { Rules = result };
        }
    }

    /// <summary><c>-A C -j X</c> with nothing else, where X is a chain and not a target.</summary>
    private static bool IsUnconditionalJump(string text)
    {
        var words = text.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return words.Length == 4 && words[0] == "-A" && words[2] is "-j" or "-g" && !Targets.Contains(words[3]);
    }

    private static bool EndsChain(string text)
    {
        var words = text.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var jump = Array.IndexOf(words, "-j");
        if (jump < 0 || jump + 1 >= words.Length)
        {
            return false;
        }

        return words[jump + 1] is "DROP" or "REJECT" || (words[jump + 1] == "RETURN" && words.Length == 4);
    }
}
