using Portal.Contracts.Model;
using Portal.Core.Iptables;
using Portal.Core.RuleShapes;

namespace Portal.Core.Analysis;

/// <summary>A parsed rule with its owner and the catalogue's shape it reads like (null when none).</summary>
internal sealed record OwnedRule(ParsedRule Parsed, RuleOwner Owner, ShapeMatch? Shape)
{
    public string Where => $"{Parsed.Table} {Parsed.Chain}";

    public static IReadOnlyList<OwnedRule> Zip(Ruleset ruleset, IReadOnlyList<Rule> rules)
    {
        var result = new List<OwnedRule>(rules.Count);
        var i = 0;
        foreach (var parsed in ruleset.AllRules)
        {
            result.Add(new OwnedRule(parsed, rules[i++].Owner, RuleShapeCatalogue.Match(parsed)));
        }

        return result;
    }
}
