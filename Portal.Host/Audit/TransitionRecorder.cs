using Portal.Contracts.Model;
using Portal.Core.Audit;
using Portal.Core.Iptables;
using Portal.Core.Ownership;
using Portal.Host.Iptables;

namespace Portal.Host.Audit;

/// <summary>
/// Turns one observed transition of the rules into the <see cref="RuleChange"/>s of its batch: each nat and filter
/// rule added or removed, with its position (after the change for additions, before it for removals, so that history
/// replays into exact chain order), its owner (removed rules against the engine view before, added ones against the
/// view after; only the changed rules are resolved) and its cause from <see cref="CauseAttributor"/>.
/// </summary>
public static class TransitionRecorder
{
    /// <summary>The tables whose history is kept.</summary>
    public static bool Recorded(string table) => table is "nat" or "filter";

    public static IReadOnlyList<RuleChange> Record(
        RuleObservation observation,
        RuleOwnerResolver ownersBefore,
        RuleOwnerResolver ownersAfter,
        IReadOnlyList<EngineEvent> events,
        IReadOnlyList<CommandWindow> commands)
    {
        var changes = new List<RuleChange>();
        foreach (var diff in observation.Changes)
        {
            if (!Recorded(diff.Table))
            {
                continue;
            }

            var added = diff.Change == ChangeKind.Added;
            var owner = Owner(added ? observation.After : observation.Before, diff, added ? ownersAfter : ownersBefore);
            var writer = RuleWriter.Of(diff, observation.Transactions);
            var at = writer.At ?? observation.At;
            var cause = Cause(at, diff, owner, writer, commands, events);
            changes.Add(new RuleChange(at, diff.Table, diff.Chain, diff.Change, diff.Text, owner, cause, diff.Index));
        }

        return changes;
    }

    public static ChangeCause Cause(
        DateTimeOffset at,
        RuleDiff diff,
        RuleOwner owner,
        RuleWriter writer,
        IReadOnlyList<CommandWindow> commands,
        IReadOnlyList<EngineEvent> events)
    {
        var cause = CauseAttributor.Attribute(at, diff.Table, diff.Text, owner, writer.ForAttribution, commands, events);

        // An iptables process that exited before we saw its parent was left for the events to explain; when they do
        // not, it is someone else's, and the kernel's name for it is still worth reporting.
        return cause.Kind == CauseKind.External && cause.Process is null && writer.Name is not null
            ? cause with { Process = writer.Name }
            : cause;
    }

    /// <summary>The owner of the rule at the diff's position (or, if the position is out of step, of the same text).</summary>
    public static RuleOwner Owner(Ruleset ruleset, RuleDiff diff, RuleOwnerResolver owners)
    {
        var rules = ruleset.Table(diff.Table)?.Chain(diff.Chain)?.Rules;
        if (rules is null)
        {
            return RuleOwner.Unknown;
        }

        var at = diff.Index - 1;
        var rule = at >= 0 && at < rules.Count && rules[at].Text == diff.Text
            ? rules[at]
            : rules.FirstOrDefault(r => r.Text == diff.Text);
        return rule is null ? RuleOwner.Unknown : owners.Owner(rule);
    }
}
