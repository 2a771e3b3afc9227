using Portal.Core.Api;
using Portal.Core.Model;

namespace Portal.Client.Audit;

/// <summary>Audit rows that one cause wrote together (one click-to-link, one container start), newest first.</summary>
public sealed record AuditGroup(string Host, ChangeCause Cause, IReadOnlyList<AuditEntryView> Entries)
{
    public DateTimeOffset Newest => Entries[0].At;

    public DateTimeOffset Oldest => Entries[^1].At;

    public int Added => Entries.Count(e => e.Change == "added");

    public int Removed => Entries.Count(e => e.Change == "removed");
}
