using System.Text;
using Portal.Contracts.Model;
using Portal.Core.Iptables;

namespace Portal.Server.Audit;

/// <summary>Turns lists of rules into what Portal.Core's differ compares.</summary>
internal static class RuleLists
{
    /// <summary>The rules in chain order: chains in the order first seen, rules by their index within a chain.</summary>
    public static List<Rule> Ordered(IEnumerable<Rule> rules) =>
        rules.Select((rule, i) => (rule, i))
            .GroupBy(x => (x.rule.Table, x.rule.Chain))
            .OrderBy(g => g.Min(x => x.i))
            .SelectMany(g => g.OrderBy(x => x.rule.Index).ThenBy(x => x.i).Select(x => x.rule))
            .ToList();

    /// <summary>An iptables-save text of the rules (chains declared without policy) parsed back into a ruleset.</summary>
    public static Ruleset ToRuleset(IEnumerable<Rule> rules)
    {
        var text = new StringBuilder();
        foreach (var table in rules.GroupBy(r => r.Table))
        {
            text.Append('*').Append(table.Key).Append('\n');
            foreach (var chain in table.Select(r => r.Chain).Distinct())
            {
                text.Append(':').Append(chain).Append(" - [0:0]\n");
            }

            foreach (var rule in table)
            {
                text.Append(rule.Text).Append('\n');
            }

            text.Append("COMMIT\n");
        }

        return RulesetParser.Parse(text.ToString());
    }

    public static IReadOnlyList<RuleDiff> Diff(IEnumerable<Rule> before, IEnumerable<Rule> after) =>
        RulesetDiffer.Diff(ToRuleset(before), ToRuleset(after));
}
