using Portal.Contracts.Model;
using Portal.Contracts.Plans;
using Portal.Contracts.PortalRules;
using Portal.Core.PortalRules;

namespace Portal.Core.Plans;

/// <summary>The rules of the portal's chain that a new rule set adds and removes, multiset-aware.</summary>
public static class PortalRulesDiff
{
    public static IReadOnlyList<PlannedRule> Diff(PortalRuleSet before, PortalRuleSet after, bool jumpPresent) =>
        Diff(before.RuleTexts(), after, jumpPresent);

    /// <param name="before">The chain's rules now: none when the host has no such chain yet (then even its RETURN is new).</param>
    public static IReadOnlyList<PlannedRule> Diff(IReadOnlyList<string> before, PortalRuleSet after, bool jumpPresent)
    {
        ArgumentNullException.ThrowIfNull(after);
        var removed = new List<string>(before);
        var added = new List<string>();
        foreach (var rule in after.RuleTexts())
        {
            if (!removed.Remove(rule))
            {
                added.Add(rule);
            }
        }

        var planned = removed.Select(r => new PlannedRule("filter", ChainOf(r), ChangeKind.Removed, r))
            .Concat(added.Select(r => new PlannedRule("filter", ChainOf(r), ChangeKind.Added, r)))
            .ToList();
        if (!jumpPresent)
        {
            planned.Add(new PlannedRule("filter", "DOCKER-USER", ChangeKind.Added, PortalRuleSet.JumpRule));
        }

        return planned;
    }

    /// <summary>The chain a rule text appends to ("-A PORTAL-POLICY ..." is in the policy chain).</summary>
    private static string ChainOf(string rule) =>
        rule.StartsWith($"-A {PortalRuleSet.PolicyChain} ", StringComparison.Ordinal) ? PortalRuleSet.PolicyChain : PortalRuleSet.Chain;
}
