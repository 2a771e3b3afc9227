namespace Portal.Client.Formatting;

/// <summary>
/// One box of the flow map. A container on two networks has a node in each network's group (<see cref="Network"/>);
/// the outside node lists every external address folded into it (<see cref="Addresses"/>).
/// </summary>
public sealed record FlowNode(string Id, string Label, FlowNodeKind Kind, FlowBox Box, string? Network, IReadOnlyList<string> Addresses);
