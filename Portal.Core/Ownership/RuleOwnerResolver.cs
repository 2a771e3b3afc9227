using Portal.Contracts.Model;
using Portal.Core.Iptables;
using Portal.Core.RuleShapes;

namespace Portal.Core.Ownership;

/// <summary>
/// Owners of rules for one view of a host's bridges and containers, reusable across rules: an agent builds one per
/// state change and asks it about the rules a diff reported, instead of resolving the whole ruleset again.
/// Not thread-safe (it keeps scratch buffers); use one per thread.
/// </summary>
public sealed class RuleOwnerResolver
{
    private readonly OwnershipContext context;
    private readonly IReadOnlyList<RuleShape> shapes;
    private readonly Dictionary<(string Table, string Chain), RuleShape[]> byChain = [];
    private readonly Dictionary<string, string> bindings = new(StringComparer.Ordinal);
    private readonly List<string> tokens = new(24);

    public RuleOwnerResolver(IReadOnlyList<Bridge> bridges, IReadOnlyList<Container> containers, IReadOnlyList<RuleShape>? shapes = null)
    {
        ArgumentNullException.ThrowIfNull(bridges);
        ArgumentNullException.ThrowIfNull(containers);
        context = new OwnershipContext(bridges, containers);
        this.shapes = shapes ?? RuleShapeCatalogue.All;
    }

    /// <summary>Every rule of every table, in order, with its owner.</summary>
    public IReadOnlyList<Rule> Resolve(Ruleset rules)
    {
        ArgumentNullException.ThrowIfNull(rules);
        var result = new List<Rule>();
        foreach (var rule in rules.AllRules)
        {
            result.Add(new Rule(rule.Table, rule.Chain, rule.Index, rule.Text, Owner(rule)));
        }

        return result;
    }

    public RuleOwner Owner(ParsedRule rule)
    {
        ArgumentNullException.ThrowIfNull(rule);
        if (rule.Verbatim)
        {
            return RuleOwner.Unknown;
        }

        // Only the shapes that can apply to this table and chain, worked out once per chain.
        if (!byChain.TryGetValue((rule.Table, rule.Chain), out var applicable))
        {
            applicable = shapes.Where(s => s.Applies(rule.Table, rule.Chain)).ToArray();
            byChain.Add((rule.Table, rule.Chain), applicable);
        }

        RuleTokens.Fill(rule, tokens);
        foreach (var shape in applicable)
        {
            if (shape.TryMatch(tokens, bindings))
            {
                return OwnerResolution.Resolve(shape, bindings, context);
            }
        }

        return RuleOwner.Unknown;
    }
}
