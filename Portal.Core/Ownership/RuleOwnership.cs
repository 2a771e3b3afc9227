using Portal.Contracts.Model;
using Portal.Core.Iptables;
using Portal.Core.RuleShapes;

namespace Portal.Core.Ownership;

/// <summary>
/// Attributes every rule of a ruleset to its owner: a bridge's masquerade, forward, isolation or ICC rule, a
/// container's published port, a legacy link pair (current or stale), Docker's plumbing, DOCKER-USER, the portal's
/// own chains, or unknown. The shapes come from <see cref="RuleShapeCatalogue"/>; owners carry names, not addresses.
/// </summary>
public static class RuleOwnership
{
    /// <summary>Model.Rule(Table, Chain, Index, Text, Owner) for every rule of every table, in order.</summary>
    public static IReadOnlyList<Rule> Resolve(Ruleset rules, IReadOnlyList<Bridge> bridges, IReadOnlyList<Container> containers) =>
        new RuleOwnerResolver(bridges, containers).Resolve(rules);

    public static IReadOnlyList<Rule> Resolve(
        Ruleset rules,
        IReadOnlyList<Bridge> bridges,
        IReadOnlyList<Container> containers,
        IReadOnlyList<RuleShape> shapes)
    {
        ArgumentNullException.ThrowIfNull(shapes);
        return new RuleOwnerResolver(bridges, containers, shapes).Resolve(rules);
    }

    /// <summary>The owner of one rule (for many rules, keep a <see cref="RuleOwnerResolver"/>).</summary>
    public static RuleOwner Owner(ParsedRule rule, IReadOnlyList<Bridge> bridges, IReadOnlyList<Container> containers) =>
        new RuleOwnerResolver(bridges, containers).Owner(rule);
}
