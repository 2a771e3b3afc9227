using System.Text.Json.Serialization;
using Portal.Contracts.Model;

namespace Portal.Contracts.Api;

/// <summary>
/// One row of <c>GET /api/audit</c>: a rule added to or removed from a chain, whose it was and why it changed.
/// <see cref="Change"/> says which; <see cref="Ipv6"/> (written only when true) marks an ip6tables rule.
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
    ChangeCause Cause,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)] bool Ipv6 = false);
