using Portal.Contracts.Flows;

namespace Portal.Client.Formatting;

/// <summary>An edge as a page holds it, with the moment (page clock) its count last moved in a push, if it did.</summary>
public sealed record FlowEntry(FlowEdge Edge, DateTimeOffset? LitAt)
{
    public string PortText => $"{Edge.Port.ToString(System.Globalization.CultureInfo.InvariantCulture)}/{Edge.Proto}";
}
