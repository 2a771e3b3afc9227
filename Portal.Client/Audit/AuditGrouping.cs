using Portal.Contracts.Api;
using Portal.Contracts.Model;

namespace Portal.Client.Audit;

/// <summary>
/// Folds a newest-first list of audit rows into groups by cause: consecutive rows of one host with the same cause
/// (kind, and intent or action and container or process) and at most <see cref="Window"/> apart from their neighbour
/// form one group. Docker writes a container's rules in several iptables calls over a few hundred milliseconds, and
/// the portal applies one intent in one restore; either way the operator sees one event.
/// </summary>
public static class AuditGrouping
{
    public static readonly TimeSpan Window = TimeSpan.FromSeconds(2);

    public static IReadOnlyList<AuditGroup> Group(IEnumerable<AuditEntryView> newestFirst)
    {
        var groups = new List<AuditGroup>();
        List<AuditEntryView>? current = null;
        foreach (var entry in newestFirst)
        {
            if (current is not null && Together(current[^1], entry))
            {
                current.Add(entry);
                continue;
            }

            current = [entry];
            groups.Add(new AuditGroup(entry.Host, entry.Cause, current));
        }

        return groups;
    }

    /// <summary>The cause in words: "portal: alice (intent 12)", "docker: start web", "external (iptables)".</summary>
    public static string Describe(ChangeCause cause) => cause.Kind switch
    {
        CauseKind.Portal => $"portal: {cause.User ?? "?"}" + (cause.Intent is { } id ? $" (intent {id})" : string.Empty),
        CauseKind.Docker => $"docker: {cause.Action ?? "?"} {cause.Container ?? string.Empty}".TrimEnd(),
        _ => cause.Process is { Length: > 0 } process ? $"external ({process})" : "external",
    };

    private static bool Together(AuditEntryView previous, AuditEntryView next) =>
        string.Equals(previous.Host, next.Host, StringComparison.Ordinal)
        && SameCause(previous.Cause, next.Cause)
        && (previous.At - next.At).Duration() <= Window;

    private static bool SameCause(ChangeCause a, ChangeCause b) =>
        a.Kind == b.Kind && a.Kind switch
        {
            CauseKind.Portal => a.Intent == b.Intent && a.User == b.User,
            CauseKind.Docker => a.Action == b.Action && a.Container == b.Container,
            _ => a.Process == b.Process,
        };
}
