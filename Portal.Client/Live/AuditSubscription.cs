using Portal.Contracts.Api;

namespace Portal.Client.Live;

/// <summary>
/// One page's view of the audit log: the newest page of entries for its filters and batches of entries appended
/// after it (already filtered). After a reconnect the newest page comes again in one batch; merge by id.
/// </summary>
public sealed record AuditSubscription(IReadOnlyList<AuditEntryView> Entries, IAsyncEnumerable<IReadOnlyList<AuditEntryView>> Appended);
