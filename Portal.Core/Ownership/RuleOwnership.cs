using Portal.Core.Iptables;
using Portal.Core.Model;

namespace Portal.Core.Ownership;

/// <summary>Attributes every rule of a ruleset to its owner: a bridge, a container's port, a link, Docker, the portal, or unknown.</summary>
public static class RuleOwnership
{
    public static IReadOnlyList<Rule> Resolve(Ruleset rules, IReadOnlyList<Bridge> bridges, IReadOnlyList<Container> containers)
    {
        ArgumentNullException.ThrowIfNull(rules);
        return rules.AllRules.Select(r => new Rule(r.Table, r.Chain, r.Index, r.Text, RuleOwner.Unknown)).ToArray();
    }
}
