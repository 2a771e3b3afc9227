using System.Text.Json.Serialization;
using Portal.Contracts.Wire;

namespace Portal.Contracts.Model;

/// <summary>
/// The kinds of rule owner the portal knows, written on the wire as the lower-case strings below. The set is closed:
/// a kind the server does not know fails to read (a new kind comes with a new agent protocol version, which the
/// handshake checks first), rather than turning silently into <see cref="Unknown"/>.
/// </summary>
[JsonConverter(typeof(WireEnumConverter<RuleOwnerKind>))]
public enum RuleOwnerKind
{
    /// <summary>Nobody the portal knows of.</summary>
    [JsonStringEnumMemberName("unknown")]
    Unknown,

    /// <summary>A published port of a container (DNAT, hairpin MASQUERADE, filter ACCEPT).</summary>
    [JsonStringEnumMemberName("port")]
    Port,

    /// <summary>A bridge network's outbound MASQUERADE.</summary>
    [JsonStringEnumMemberName("masquerade")]
    Masquerade,

    /// <summary>A bridge network's FORWARD rules (conntrack, DOCKER jump, outbound ACCEPT).</summary>
    [JsonStringEnumMemberName("forward")]
    Forward,

    /// <summary>A bridge network's isolation rules (DOCKER-ISOLATION-STAGE-1/2).</summary>
    [JsonStringEnumMemberName("isolation")]
    Isolation,

    /// <summary>A bridge network's inter-container rule (-i br -o br ACCEPT or DROP).</summary>
    [JsonStringEnumMemberName("icc")]
    Icc,

    /// <summary>A legacy link pair between two containers.</summary>
    [JsonStringEnumMemberName("link")]
    Link,

    /// <summary>Docker's own plumbing: jumps into DOCKER chains, RETURNs.</summary>
    [JsonStringEnumMemberName("docker")]
    Docker,

    /// <summary>A rule in DOCKER-USER that is not the portal's.</summary>
    [JsonStringEnumMemberName("docker-user")]
    DockerUser,

    /// <summary>A rule the portal wrote (its own chains and the jump to them).</summary>
    [JsonStringEnumMemberName("portal")]
    Portal,
}
