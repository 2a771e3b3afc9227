using System.Text.Json.Serialization;
using Portal.Contracts.Wire;

namespace Portal.Contracts.Intents;

/// <summary>
/// Where an intent stands: pending (not yet applied), applied (observed as wanted), drifted (observed otherwise),
/// failed; removed only travels in <c>IntentChanged</c> for an intent a DELETE undid (it is never stored).
/// </summary>
[JsonConverter(typeof(WireEnumConverter<IntentStatus>))]
public enum IntentStatus
{
    [JsonStringEnumMemberName("pending")]
    Pending,

    [JsonStringEnumMemberName("applied")]
    Applied,

    [JsonStringEnumMemberName("drifted")]
    Drifted,

    [JsonStringEnumMemberName("failed")]
    Failed,

    [JsonStringEnumMemberName("removed")]
    Removed,
}
