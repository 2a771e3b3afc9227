using System.Text.Json.Serialization;
using Portal.Contracts.Model;

namespace Portal.Core.Iptables;

/// <summary>
/// One rule added to or removed from a chain. <see cref="Change"/> says which; <see cref="Index"/> is the
/// rule's 1-based position in the chain after the change (added) or before it (removed). Inside a ruleset an IPv6
/// table is named <c>ip6:TABLE</c> (<see cref="RuleFamily"/>); <see cref="Outward"/> gives the plain name and the
/// <see cref="Ipv6"/> marker (written only when true) that the API shows.
/// </summary>
public sealed record RuleDiff(
    string Table,
    string Chain,
    ChangeKind Change,
    string Text,
    int Index,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)] bool Ipv6 = false)
{
    public RuleDiff Outward() => RuleFamily.IsIpv6(Table) ? this with { Table = RuleFamily.PlainTable(Table), Ipv6 = true } : this;
}
