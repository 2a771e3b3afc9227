using Portal.Contracts.Api;
using Portal.Contracts.Model;

namespace Portal.Client.Audit;

/// <summary>Audit rows that one cause wrote together (one click-to-link, one container start), newest first.</summary>
public sealed record AuditGroup(string Host, ChangeCause Cause, IReadOnlyList<AuditEntryView> Entries)
{
    public DateTimeOffset Newest => Entries[0].At;

    public DateTimeOffset Oldest => Entries[^1].At;

    public int Added => Entries.Count(e => e.Change == ChangeKind.Added);

    public int Removed => Entries.Count(e => e.Change == ChangeKind.Removed);
}
