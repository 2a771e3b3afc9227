using System.Text.Json.Serialization;
using Portal.Contracts.Wire;

namespace Portal.Contracts.Reachability;

/// <summary>What one step of the path did with the packet, written as the lower-case strings below.</summary>
[JsonConverter(typeof(WireEnumConverter<StepResult>))]
public enum StepResult
{
    /// <summary>The rule matched and accepted the packet (this table's chain is done with it).</summary>
    [JsonStringEnumMemberName("accept")]
    Accept,

    [JsonStringEnumMemberName("drop")]
    Drop,

    [JsonStringEnumMemberName("reject")]
    Reject,

    /// <summary>The rule matched and jumped (<c>-j</c>) into a user chain.</summary>
    [JsonStringEnumMemberName("jump")]
    Jump,

    /// <summary>The rule matched and went (<c>-g</c>) to a user chain.</summary>
    [JsonStringEnumMemberName("goto")]
    Goto,

    /// <summary>The rule matched and returned to the calling chain.</summary>
    [JsonStringEnumMemberName("return")]
    Return,

    /// <summary>The rule matched and the packet went on (LOG, MARK, a rule without target, ...).</summary>
    [JsonStringEnumMemberName("continue")]
    Continue,

    /// <summary>The rule matched and translated an address or port (DNAT, SNAT, MASQUERADE, REDIRECT).</summary>
    [JsonStringEnumMemberName("translate")]
    Translate,

    /// <summary>The packet fell off the end of a built-in chain and its policy decided (accept or drop in the rule text).</summary>
    [JsonStringEnumMemberName("policy")]
    Policy,

    /// <summary>The routing decision: where the packet goes next (the rule text says where).</summary>
    [JsonStringEnumMemberName("route")]
    Route,

    /// <summary>A match the portal cannot evaluate: whether the rule matches is unknown.</summary>
    [JsonStringEnumMemberName("undetermined")]
    Undetermined,
}
