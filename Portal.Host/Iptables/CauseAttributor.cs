using Portal.Core.Model;
using Portal.Host.Docker;

namespace Portal.Host.Iptables;

/// <summary>
/// Decides why a rule changed. Docker when dockerd wrote it (its iptables child's parent), or when a container
/// event falls in the window before the change and either the rule belongs to that container or no transaction
/// names a writer (polling). External otherwise, with the writer's process name where the kernel gave one.
/// Portal attribution (a plan being applied) comes with the changes work.
/// </summary>
public static class CauseAttributor
{
    public static readonly TimeSpan Window = TimeSpan.FromSeconds(2);

    public static ChangeCause Attribute(
        DateTimeOffset at,
        RuleOwner owner,
        IReadOnlyList<XtablesBatch> transactions,
        IReadOnlyList<DockerEvent> recentEvents)
    {
        var inWindow = recentEvents
            .Where(e => e.Type == "container" && e.At <= at + TimeSpan.FromMilliseconds(100) && at - e.At <= Window)
            .OrderByDescending(e => e.At)
            .ToList();
        var latest = inWindow.FirstOrDefault();
        var writers = transactions.Where(t => t.Events.Count > 0).Select(t => t.Process).Distinct().ToList();

        if (writers.Contains("dockerd"))
        {
            return Docker(PreferOwner(owner, inWindow) ?? latest);
        }

        if (owner.Container is { } container && inWindow.FirstOrDefault(e => e.Name == container) is { } own)
        {
            return Docker(own);
        }

        if (writers.Count == 0 && latest is not null)
        {
            return Docker(latest);
        }

        // A dockerd-style writer ("iptables") whose parent we could not see, in a Docker event's window, with a
        // rule of no container (bridge plumbing): still Docker's.
        if (latest is not null && owner.Kind != RuleOwnerKind.Unknown && owner.Kind != RuleOwnerKind.DockerUser && writers.All(w => w == "iptables"))
        {
            return Docker(latest);
        }

        var process = writers.Count == 0 ? null : string.Join(",", writers);
        return new ChangeCause("external", Process: process);
    }

    private static DockerEvent? PreferOwner(RuleOwner owner, IReadOnlyList<DockerEvent> inWindow) =>
        owner.Container is { } container ? inWindow.FirstOrDefault(e => e.Name == container) : null;

    private static ChangeCause Docker(DockerEvent? dockerEvent) =>
        new("docker", Action: dockerEvent?.Action, Container: dockerEvent?.Name);
}
