using Portal.Contracts.Model;

namespace Portal.Core.Audit;

/// <summary>
/// Decides why a rule changed: a portal command whose window holds the change and whose plan or containers match it;
/// else a Docker engine event in the window before it that concerns the rule's owner; else external, with the writing
/// process the kernel reported.
/// </summary>
public static class CauseAttributor
{
    /// <summary>How long after an engine event (or a command's end) Docker is still writing its rules.</summary>
    public static readonly TimeSpan Settle = TimeSpan.FromSeconds(2);

    public static ChangeCause Attribute(
        DateTimeOffset at,
        string table,
        string text,
        RuleOwner owner,
        string? writerProcess,
        IEnumerable<CommandWindow> commands,
        IReadOnlyList<EngineEvent> events)
    {
        var concerned = Concerned(owner);
        // Windows overlap: a command's window stays open for Docker's late writes while the next command runs, and a plan
        // names the rules it wants present, not what it changes (ICC on removes the DROP that ICC off's plan named). The
        // host applies one command at a time, so the newest window that claims the rule is the one that was running.
        var command = commands
            .Where(c => at >= c.Started && at <= (c.Finished ?? at) + Settle)
            .OrderByDescending(c => c.Started)
            .FirstOrDefault(c => c.PredictedRules.Contains(text) || owner.Kind == RuleOwnerKind.Portal || concerned.Any(c.Containers.Contains));
        if (command is not null)
        {
            return new ChangeCause(CauseKind.Portal, User: command.User, Intent: command.Intent);
        }

        var byDocker = writerProcess is null || IsDocker(writerProcess);
        if (byDocker)
        {
            var recent = events.Where(e => e.At <= at + TimeSpan.FromMilliseconds(500) && e.At >= at - Settle).ToList();
            var match = recent.LastOrDefault(e => e.Container is not null && concerned.Contains(e.Container))
                ?? recent.LastOrDefault(e => e.Network is not null && owner.Network == e.Network);
            if (match is not null)
            {
                return new ChangeCause(CauseKind.Docker, Action: match.Action, Container: match.Container);
            }

            if (writerProcess is not null)
            {
                // dockerd wrote it but no event explains it (daemon start, a flush and rebuild): still Docker's doing.
                var last = recent.LastOrDefault();
                return new ChangeCause(CauseKind.Docker, Action: last?.Action ?? "daemon", Container: last?.Container);
            }
        }

        return new ChangeCause(CauseKind.External, Process: writerProcess);
    }

    private static bool IsDocker(string process) => process is "dockerd" or "docker-proxy" or "docker";

    private static HashSet<string> Concerned(RuleOwner owner)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var name in new[] { owner.Container, owner.Source, owner.Target })
        {
            if (!string.IsNullOrEmpty(name))
            {
                names.Add(name);
            }
        }

        return names;
    }
}
