using Portal.Core.Model;
using Portal.Host.Docker;
using Portal.Host.Iptables;

namespace Portal.Host.Agent;

/// <summary>Turns the differ's output into attributed <see cref="RuleChange"/>s with the owner of each rule.</summary>
public static class RuleChangeBuilder
{
    public static IReadOnlyList<RuleChange> Build(
        RuleObservation observation,
        IReadOnlyList<Rule> rulesBefore,
        IReadOnlyList<Rule> rulesAfter,
        IReadOnlyList<DockerEvent> recentEvents)
    {
        var changes = new List<RuleChange>();
        foreach (var diff in observation.Changes)
        {
            var owned = diff.Change == Portal.Core.Iptables.RuleDiff.Added ? rulesAfter : rulesBefore;
            var owner = Owner(owned, diff.Table, diff.Chain, diff.Text, diff.Index);
            var cause = CauseAttributor.Attribute(observation.At, owner, observation.Transactions, recentEvents);
            changes.Add(new RuleChange(observation.At, diff.Table, diff.Chain, diff.Change, diff.Text, owner, cause));
        }

        return changes;
    }

    private static RuleOwner Owner(IReadOnlyList<Rule> rules, string table, string chain, string text, int index)
    {
        Rule? match = null;
        foreach (var rule in rules)
        {
            if (rule.Table == table && rule.Chain == chain && rule.Text == text)
            {
                match ??= rule;
                if (rule.Index == index)
                {
                    return rule.Owner;
                }
            }
        }

        return match?.Owner ?? RuleOwner.Unknown;
    }
}
