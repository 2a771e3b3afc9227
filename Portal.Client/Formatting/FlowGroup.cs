namespace Portal.Client.Formatting;

/// <summary>
/// A network's box on the flow map with its containers' nodes. <see cref="Network"/> is null for the box of containers
/// the flows name but the host state places on no shown network (removed since, or on no bridge).
/// </summary>
public sealed record FlowGroup(string? Network, string Title, FlowBox Box, IReadOnlyList<FlowNode> Nodes);
