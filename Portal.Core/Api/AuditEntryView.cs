using Portal.Core.Model;

namespace Portal.Core.Api;

/// <summary>
/// One row of <c>GET /api/audit</c>: a rule added to or removed from a chain, whose it was and why it changed.
/// <see cref="Change"/> is "added" or "removed".
/// </summary>
public sealed record AuditEntryView(
    long Id,
    DateTimeOffset At,
    string Host,
    string Table,
    string Chain,
    string Change,
    string Rule,
    RuleOwner Owner,
    ChangeCause Cause);
