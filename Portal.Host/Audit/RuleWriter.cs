using Portal.Contracts.Model;
using Portal.Core.Iptables;
using Portal.Host.Iptables;

namespace Portal.Host.Audit;

/// <summary>
/// Who wrote one changed rule, from the nf_tables transactions seen since the previous read.
/// <see cref="ForAttribution"/> is what <see cref="Portal.Core.Audit.CauseAttributor"/> gets: "dockerd" when the writer
/// was dockerd's child, the process name when its parent was seen and was not dockerd, and null when it cannot be
/// told (polling, a generation gap, or an iptables process that exited before its parent could be read: Docker's
/// children do that too, so the engine's events decide). <see cref="Name"/> is the kernel's name for the writer, which
/// an external cause reports. <see cref="At"/> is when its transaction arrived (null: unknown).
/// </summary>
public sealed record RuleWriter(string? ForAttribution, string? Name, DateTimeOffset? At)
{
    public static readonly RuleWriter Unknown = new(null, null, null);

    public static RuleWriter Of(RuleDiff diff, IReadOnlyList<XtablesBatch> transactions)
    {
        var writing = transactions.Where(t => t.Events.Count > 0).ToList();
        if (writing.Count == 0)
        {
            return Unknown;
        }

        foreach (var transaction in writing)
        {
            if (transaction.Events.Any(e => Describes(e, diff)))
            {
                return From(transaction);
            }
        }

        // No event names this rule: its transaction was missed, or its event line had not arrived when the rules were
        // read (dockerd writes a port's three rules in three processes while the read runs). Another writer seen in the
        // same window is not evidence (a lone iptables-restore of someone else's would take Docker's rules): the engine's
        // events decide.
        return Unknown;
    }

    private static RuleWriter From(XtablesBatch transaction)
    {
        var at = transaction.At == default ? (DateTimeOffset?)null : transaction.At;
        if (transaction.Process == "dockerd" || transaction.Parent == "dockerd")
        {
            return new RuleWriter("dockerd", "dockerd", at);
        }

        if (transaction.Parent is null && IsIptablesProgram(transaction.Process))
        {
            return new RuleWriter(null, transaction.Process, at);
        }

        return new RuleWriter(transaction.Process, transaction.Process, at);
    }

    /// <summary>True when a monitor event adds (A, I) or deletes (D) exactly the rule the differ reported.</summary>
    private static bool Describes(XtablesRuleEvent e, RuleDiff diff)
    {
        if (e.Table != diff.Table || e.Chain != diff.Chain || e.RuleText is null)
        {
            return false;
        }

        var kindMatches = diff.Change == ChangeKind.Added ? e.Command is "A" or "I" : e.Command == "D";
        return kindMatches && Body(e.RuleText) == Body(diff.Text);
    }

    /// <summary>The rule without its "-A CHAIN" (or "-I CHAIN [n]", "-D CHAIN") head.</summary>
    private static string Body(string text)
    {
        var fields = text.Split(' ', 3, StringSplitOptions.RemoveEmptyEntries);
        if (fields.Length < 3)
        {
            return string.Empty;
        }

        var rest = fields[2];
        if (fields[0] == "-I" && rest.Split(' ', 2) is [var position, var tail] && int.TryParse(position, out _))
        {
            rest = tail;
        }

        return rest.Trim();
    }

    // The names iptables binaries run under (comm is cut at 15 characters).
    private static bool IsIptablesProgram(string process) =>
        process.StartsWith("iptables", StringComparison.Ordinal)
        || process.StartsWith("ip6tables", StringComparison.Ordinal)
        || process.StartsWith("xtables", StringComparison.Ordinal);
}
