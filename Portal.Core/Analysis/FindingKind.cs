using System.Text.Json.Serialization;
using Portal.Contracts.Wire;

namespace Portal.Core.Analysis;

/// <summary>What an analysis finding is about, written on the wire as the lower-case strings below.</summary>
[JsonConverter(typeof(WireEnumConverter<FindingKind>))]
public enum FindingKind
{
    /// <summary>A rule no one the portal knows wrote (owner "unknown").</summary>
    [JsonStringEnumMemberName("unowned-rule")]
    UnownedRule,

    /// <summary>A legacy link's ACCEPT pair naming an address its child no longer holds (moved, or removed).</summary>
    [JsonStringEnumMemberName("stale-link-rule")]
    StaleLinkRule,

    /// <summary>Another of Docker's rules left for something that is gone (a port of a removed container, a removed bridge).</summary>
    [JsonStringEnumMemberName("stale-rule")]
    StaleRule,

    /// <summary>A published port Docker's DNAT lets past filter INPUT rules or a policy that look like they block it.</summary>
    [JsonStringEnumMemberName("input-bypass")]
    InputBypass,

    /// <summary>Which Docker version and iptables backend the capture looks like.</summary>
    [JsonStringEnumMemberName("docker-version")]
    DockerVersion,
}
