using Portal.Contracts.Model;
using Portal.Contracts.Plans;
using Portal.Contracts.PortalRules;
using Portal.Core.PortalRules;

namespace Portal.Core.Plans;

/// <summary>The rules of the portal's chain that a new rule set adds and removes, multiset-aware.</summary>
public static class PortalRulesDiff
{
    public static IReadOnlyList<PlannedRule> Diff(PortalRuleSet before, PortalRuleSet after, bool jumpPresent)
    {
        var removed = new List<string>(before.RuleTexts());
        var added = new List<string>();
        foreach (var rule in after.RuleTexts())
        {
            if (!removed.Remove(rule))
            {
                added.Add(rule);
            }
        }

        var planned = removed.Select(r => new PlannedRule("filter", PortalRuleSet.Chain, ChangeKind.Removed, r))
            .Concat(added.Select(r => new PlannedRule("filter", PortalRuleSet.Chain, ChangeKind.Added, r)))
            .ToList();
        if (!jumpPresent)
        {
            planned.Add(new PlannedRule("filter", "DOCKER-USER", ChangeKind.Added, PortalRuleSet.JumpRule));
        }

        return planned;
    }
}
