using Portal.Contracts.Flows;

namespace Portal.Server.Flows;

/// <summary>What identifies an edge (its totals aside); ends compare as stored, the network "" when there is none.</summary>
public readonly record struct FlowKey(string From, string To, int Port, string Proto, string Network)
{
    public static FlowKey Of(FlowEdge edge) => new(edge.From, edge.To, edge.Port, edge.Proto, edge.Network ?? string.Empty);
}
