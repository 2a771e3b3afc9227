using System.Text.Json.Serialization;
using Portal.Contracts.Wire;

namespace Portal.Core.Analysis;

/// <summary>How much a finding matters, written on the wire as "info" or "warning".</summary>
[JsonConverter(typeof(WireEnumConverter<FindingSeverity>))]
public enum FindingSeverity
{
    /// <summary>Worth knowing: what the capture is, a rule someone else wrote outside Docker's chains.</summary>
    [JsonStringEnumMemberName("info")]
    Info,

    /// <summary>Traffic goes where its owner does not expect: stale rules, a firewall Docker goes around, a rule in Docker's chains nobody owns.</summary>
    [JsonStringEnumMemberName("warning")]
    Warning,
}
