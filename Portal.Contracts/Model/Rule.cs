using System.Text.Json.Serialization;

namespace Portal.Contracts.Model;

/// <summary>
/// One iptables rule as observed: <see cref="Text"/> is exactly what iptables-save printed
/// (<c>-A CHAIN ...</c>), <see cref="Index"/> its 1-based position in the chain. <see cref="Ipv6"/> (wire <c>ipv6</c>,
/// false when absent) marks a rule of ip6tables-save: the same table and chain names exist in both families.
/// </summary>
public sealed record Rule(string Table, string Chain, int Index, string Text, RuleOwner Owner,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)] bool Ipv6 = false);
