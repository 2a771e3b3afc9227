using System.Text.Json.Serialization;
using Portal.Contracts.Model;

namespace Portal.Core.Analysis;

/// <summary>
/// One rule of a capture with its owner, the owner exactly as <c>GET /api/hosts/{host}/state</c> gives it.
/// <see cref="Ipv6"/> is written only for the rules of ip6tables-save (<c>"ipv6": true</c>, as the API marks them).
/// </summary>
public sealed record AnalyzedRule(
    string Table,
    string Chain,
    string Text,
    RuleOwner Owner,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)] bool Ipv6 = false);
