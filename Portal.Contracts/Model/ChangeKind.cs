using System.Text.Json.Serialization;
using Portal.Contracts.Wire;

namespace Portal.Contracts.Model;

/// <summary>Whether a rule, hosts line or variable was (or will be) added or removed; "added" or "removed" on the wire.</summary>
[JsonConverter(typeof(WireEnumConverter<ChangeKind>))]
public enum ChangeKind
{
    [JsonStringEnumMemberName("added")]
    Added,

    [JsonStringEnumMemberName("removed")]
    Removed,
}
