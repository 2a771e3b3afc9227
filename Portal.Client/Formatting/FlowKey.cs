using Portal.Contracts.Flows;

namespace Portal.Client.Formatting;

/// <summary>What names one edge: a push carries an edge's new totals under the same key, replacing the old ones.</summary>
public readonly record struct FlowKey(string From, string To, int Port, string Proto, string? Network)
{
    public static FlowKey Of(FlowEdge edge) => new(edge.From, edge.To, edge.Port, edge.Proto, edge.Network);
}
