using Portal.Contracts.Model;
using Portal.Core.Iptables;
using Portal.Core.Ownership;

namespace Portal.Host.Audit;

/// <summary>
/// What changed while the agent was not watching: the host's rules now against the rules its recorded history ends
/// with. Nobody can be named for such a change, except Docker when its daemon started again in between (it flushes and
/// rebuilds its chains on start): then Docker's own rules are Docker's, and anything else is external.
/// </summary>
public static class StartupDiff
{
    public static IReadOnlyList<RuleChange> Changes(
        Ruleset recorded,
        Ruleset current,
        RuleOwnerResolver owners,
        DateTimeOffset at,
        bool dockerRestarted)
    {
        var changes = new List<RuleChange>();
        foreach (var diff in RulesetDiffer.Diff(recorded, current))
        {
            if (!TransitionRecorder.Recorded(diff.Table))
            {
                continue;
            }

            // Only today's engine view exists: a removed rule's container may be gone, and then its owner is unknown.
            var owner = TransitionRecorder.Owner(diff.Change == ChangeKind.Added ? current : recorded, diff, owners);
            var cause = dockerRestarted && IsDockers(owner)
                ? new ChangeCause(CauseKind.Docker, Action: "daemon start", Container: owner.Container)
                : ChangeCause.External;
            changes.Add(new RuleChange(at, diff.Table, diff.Chain, diff.Change, diff.Text, owner, cause, diff.Index));
        }

        return changes;
    }

    /// <summary>
    /// True when dockerd's start is later than what the saved state knew: its recorded start time differs, or (with
    /// none recorded) it started after the state was saved.
    /// </summary>
    public static bool DockerRestarted(DateTimeOffset? dockerStarted, DateTimeOffset? savedDockerStarted, DateTimeOffset savedAt) =>
        dockerStarted is { } started
        && (savedDockerStarted is { } saved ? Math.Abs((started - saved).TotalSeconds) > 1 : started > savedAt);

    private static bool IsDockers(RuleOwner owner) =>
        owner.Kind is not (RuleOwnerKind.Unknown or RuleOwnerKind.DockerUser or RuleOwnerKind.Portal);
}
