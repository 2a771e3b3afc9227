using Portal.Core.Iptables;
using Portal.Core.Model;

namespace Portal.Core.Ownership;

/// <summary>
/// Attributes every rule of a ruleset to its owner: a bridge's masquerade, forward, isolation or ICC rule, a
/// container's published port, a legacy link pair (current or stale), Docker's plumbing, DOCKER-USER, the portal's
/// own chains, or unknown. The shapes come from <see cref="DockerRulePatterns"/>; owners carry names, not addresses.
/// </summary>
public static class RuleOwnership
{
    public static IReadOnlyList<Rule> Resolve(Ruleset rules, IReadOnlyList<Bridge> bridges, IReadOnlyList<Container> containers) =>
        Resolve(rules, bridges, containers, DockerRulePatterns.Default);

    public static IReadOnlyList<Rule> Resolve(
        Ruleset rules,
        IReadOnlyList<Bridge> bridges,
        IReadOnlyList<Container> containers,
        IReadOnlyList<OwnershipPattern> patterns)
    {
        ArgumentNullException.ThrowIfNull(rules);
        ArgumentNullException.ThrowIfNull(bridges);
        ArgumentNullException.ThrowIfNull(containers);
        ArgumentNullException.ThrowIfNull(patterns);
        var context = new OwnershipContext(bridges, containers);
        var bindings = new Dictionary<string, string>(StringComparer.Ordinal);
        var tokens = new List<string>(24);
        var result = new List<Rule>();
        var byChain = new Dictionary<(string Table, string Chain), OwnershipPattern[]>();
        foreach (var rule in rules.AllRules)
        {
            // Only the patterns that can apply to this table and chain, worked out once per chain.
            if (!byChain.TryGetValue((rule.Table, rule.Chain), out var applicable))
            {
                applicable = patterns.Where(p => p.Applies(rule.Table, rule.Chain)).ToArray();
                byChain.Add((rule.Table, rule.Chain), applicable);
            }

            result.Add(new Rule(rule.Table, rule.Chain, rule.Index, rule.Text, Owner(rule, context, applicable, bindings, tokens)));
        }

        return result;
    }

    /// <summary>The owner of one rule.</summary>
    public static RuleOwner Owner(ParsedRule rule, IReadOnlyList<Bridge> bridges, IReadOnlyList<Container> containers) =>
        Owner(rule, new OwnershipContext(bridges, containers), DockerRulePatterns.Default, [], []);

    private static RuleOwner Owner(
        ParsedRule rule,
        OwnershipContext context,
        IReadOnlyList<OwnershipPattern> patterns,
        Dictionary<string, string> bindings,
        List<string> tokens)
    {
        if (rule.Verbatim)
        {
            return RuleOwner.Unknown;
        }

        Tokens(rule, tokens);
        foreach (var pattern in patterns)
        {
            if (pattern.Applies(rule.Table, rule.Chain) && ShapeMatcher.TryMatch(pattern.Tokens, tokens, bindings))
            {
                return OwnerResolution.Resolve(pattern, bindings, context);
            }
        }

        return RuleOwner.Unknown;
    }

    /// <summary>The rule after <c>-A CHAIN</c> as decoded tokens, a negation always written before its option.</summary>
    private static void Tokens(ParsedRule rule, List<string> tokens)
    {
        tokens.Clear();
        foreach (var option in rule.Options)
        {
            if (option.Negated)
            {
                tokens.Add("!");
            }

            tokens.Add(option.Name);
            foreach (var value in option.Values)
            {
                tokens.Add(value);
            }
        }
    }
}
