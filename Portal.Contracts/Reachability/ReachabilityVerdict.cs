using System.Text.Json.Serialization;
using Portal.Contracts.Wire;

namespace Portal.Contracts.Reachability;

/// <summary>What the walk of a first packet concluded, written as the lower-case strings below.</summary>
[JsonConverter(typeof(WireEnumConverter<ReachabilityVerdict>))]
public enum ReachabilityVerdict
{
    /// <summary>The rules let the first packet reach its destination.</summary>
    [JsonStringEnumMemberName("allowed")]
    Allowed,

    /// <summary>A rule or a policy drops or rejects it.</summary>
    [JsonStringEnumMemberName("blocked")]
    Blocked,

    /// <summary>A match on the path could not be evaluated from what the portal knows (named in the answer).</summary>
    [JsonStringEnumMemberName("undetermined")]
    Undetermined,
}
