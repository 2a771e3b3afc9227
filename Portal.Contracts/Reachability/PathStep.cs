using System.Text.Json.Serialization;
using Portal.Contracts.Model;

namespace Portal.Contracts.Reachability;

/// <summary>
/// One step of a packet's walk: a rule that matched (its exact iptables-save text and owner), a chain's policy
/// (<c>-P FORWARD DROP</c>, no owner), or the routing decision (table "routing").
/// </summary>
public sealed record PathStep(
    string Table,
    string Chain,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] string? Rule,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] RuleOwner? Owner,
    StepResult Result);
