using Portal.Contracts.Model;
using Portal.Core.Iptables;

namespace Portal.Host.Iptables;

/// <summary>
/// Rule changes the kernel reported but a diff of two reads cannot see: a rule added and removed again (or removed
/// and put back) between two reads. Found by counting the transactions' append/insert and delete events per rule
/// against what the diff shows; each such pair is a change that happened and must be recorded.
/// </summary>
public static class TransientRules
{
    /// <summary>A rule that came and went (<see cref="AddedFirst"/>) or went and came back, within one read.</summary>
    public sealed record Transient(string Table, string Chain, string Text, bool AddedFirst);

    public static IReadOnlyList<Transient> Find(IReadOnlyList<XtablesBatch> transactions, IReadOnlyList<RuleDiff> diff)
    {
        var seen = new Dictionary<(string Table, string Text), (string Chain, int Adds, int Deletes, bool AddedFirst)>();
        foreach (var rule in transactions.SelectMany(t => t.Events))
        {
            if (rule is not { Table: { } table, Chain: { } chain, Command: "A" or "I" or "D", RuleText: { } text } || Canonical(text, chain) is not { } canonical)
            {
                continue;
            }

            var added = rule.Command != "D";
            var entry = seen.TryGetValue((table, canonical), out var found) ? found : (Chain: chain, Adds: 0, Deletes: 0, AddedFirst: added);
            seen[(table, canonical)] = added ? entry with { Adds = entry.Adds + 1 } : entry with { Deletes = entry.Deletes + 1 };
        }

        var transients = new List<Transient>();
        foreach (var ((table, text), (chain, adds, deletes, addedFirst)) in seen)
        {
            var shownAdded = diff.Count(d => d.Table == table && d.Text == text && d.Change == ChangeKind.Added);
            var shownRemoved = diff.Count(d => d.Table == table && d.Text == text && d.Change == ChangeKind.Removed);
            var pairs = Math.Min(adds - shownAdded, deletes - shownRemoved);
            for (var i = 0; i < pairs; i++)
            {
                transients.Add(new Transient(table, chain, text, addedFirst));
            }
        }

        return transients;
    }

    /// <summary>"-D CHAIN rest" or "-I CHAIN [n] rest" as iptables-save would print the rule: "-A CHAIN rest".</summary>
    public static string? Canonical(string eventText, string chain)
    {
        var parts = eventText.Split(' ', 3);
        if (parts.Length < 2 || parts[1] != chain || parts[0] is not ("-A" or "-I" or "-D"))
        {
            return null;
        }

        var rest = parts.Length == 3 ? parts[2] : string.Empty;
        if (parts[0] == "-I")
        {
            var space = rest.IndexOf(' ');
            var first = space < 0 ? rest : rest[..space];
            if (first.Length > 0 && first.All(char.IsAsciiDigit))
            {
                rest = space < 0 ? string.Empty : rest[(space + 1)..];
            }
        }

        return rest.Length == 0 ? $"-A {chain}" : $"-A {chain} {rest}";
    }
}
