using System.Text.Json.Serialization;
using Portal.Contracts.Wire;

namespace Portal.Contracts.Reachability;

/// <summary>The transport protocols a reachability question may ask about.</summary>
[JsonConverter(typeof(WireEnumConverter<TransportProtocol>))]
public enum TransportProtocol
{
    [JsonStringEnumMemberName("tcp")]
    Tcp,

    [JsonStringEnumMemberName("udp")]
    Udp,

    [JsonStringEnumMemberName("sctp")]
    Sctp,
}
