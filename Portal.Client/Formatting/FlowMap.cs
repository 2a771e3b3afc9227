namespace Portal.Client.Formatting;

/// <summary>The laid-out flow map: outside on the left, the host on the right, one box per network between them.</summary>
public sealed record FlowMap(double Width, double Height, FlowNode Outside, FlowNode Host, IReadOnlyList<FlowGroup> Groups, IReadOnlyList<FlowLine> Lines)
{
    public IEnumerable<FlowNode> Nodes => Groups.SelectMany(g => g.Nodes).Prepend(Host).Prepend(Outside);
}
