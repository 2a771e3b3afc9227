using System.Text.Json.Serialization;

namespace Portal.Contracts.Api;

/// <summary>
/// One rule of a host as it was at a past moment (<c>GET /api/audit/rules?host=&amp;at=</c>); <see cref="Ipv6"/> (written
/// only when true) marks an ip6tables rule.
/// </summary>
public sealed record RuleAtTime(
    string Table,
    string Chain,
    int Index,
    string Text,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)] bool Ipv6 = false);
