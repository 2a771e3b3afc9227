using System.Text;
using Portal.Contracts.Model;
using Portal.Core.Audit;
using Portal.Core.Iptables;

namespace Portal.Host.Outbox;

/// <summary>
/// Rules rebuilt from a known ruleset plus recorded batches, with the same replay the server uses
/// (<see cref="RuleHistory"/>): the outbox keeps the acknowledged rules this way instead of holding a full ruleset per
/// unacknowledged batch, and the start-up diff compares the host against exactly what the batches already say.
/// </summary>
public static class RuleReplay
{
    public static RuleHistory Start(Ruleset ruleset) =>
        new(ruleset.AllRules.Select(r => new Rule(r.Table, r.Chain, r.Index, r.Text, RuleOwner.Unknown)));

    public static RuleHistory Start(string saveText) => Start(RulesetParser.Parse(saveText));

    /// <summary>The rules in iptables-save's format: each table's <c>-A</c> lines and COMMIT. Chains that hold no
    /// rule and policies are not kept: history is about rules, and the differ compares rules only.</summary>
    public static string Render(RuleHistory history)
    {
        var text = new StringBuilder();
        foreach (var table in history.Snapshot().Select(r => r.Table).Distinct())
        {
            text.Append('*').Append(table).Append('\n');
            text.Append(history.ToSaveLines(table));
            text.Append("COMMIT\n");
        }

        return text.ToString();
    }

    public static Ruleset ToRuleset(RuleHistory history) => RulesetParser.Parse(Render(history));
}
