using Portal.Contracts.Model;

namespace Portal.Contracts.Api;

/// <summary>
/// One row of <c>GET /api/audit</c>: a rule added to or removed from a chain, whose it was and why it changed.
/// </summary>
public sealed record AuditEntryView(
    long Id,
    DateTimeOffset At,
    string Host,
    string Table,
    string Chain,
    ChangeKind Change,
    string Rule,
    RuleOwner Owner,
    ChangeCause Cause);
