using System.Text.Json.Serialization;
using Portal.Contracts.Wire;

namespace Portal.Contracts.Reachability;

/// <summary>What an exposure warning is about, written as the lower-case strings below.</summary>
[JsonConverter(typeof(WireEnumConverter<ExposureWarningKind>))]
public enum ExposureWarningKind
{
    /// <summary>Docker's DNAT sends the port's traffic through FORWARD, past the host firewall's INPUT rules that would block it.</summary>
    [JsonStringEnumMemberName("bypasses-host-firewall")]
    BypassesHostFirewall,

    /// <summary>The port is published on every address of the host (0.0.0.0), not one chosen interface.</summary>
    [JsonStringEnumMemberName("all-addresses")]
    AllAddresses,

    /// <summary>ICC is on for a network that holds published services: every container on it reaches them directly.</summary>
    [JsonStringEnumMemberName("icc-with-published")]
    IccWithPublished,
}
