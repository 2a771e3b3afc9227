using System.Text.Json.Serialization;
using Portal.Contracts.Wire;

namespace Portal.Contracts.Model;

/// <summary>Who caused a rule change, written on the wire (and in the audit's cause table) as "portal", "docker" or "external".</summary>
[JsonConverter(typeof(WireEnumConverter<CauseKind>))]
public enum CauseKind
{
    /// <summary>Nobody the portal knows; the process when the kernel reported it.</summary>
    [JsonStringEnumMemberName("external")]
    External,

    /// <summary>An intent and its user.</summary>
    [JsonStringEnumMemberName("portal")]
    Portal,

    /// <summary>An engine event: action and container.</summary>
    [JsonStringEnumMemberName("docker")]
    Docker,
}
