namespace Portal.Client.Formatting;

/// <summary>A container's flows both ways, as its page lists them: the most recently seen first.</summary>
public static class ContainerFlows
{
    public static IReadOnlyList<ContainerFlow> For(string container, IEnumerable<FlowEntry> entries) =>
        [.. entries
            .SelectMany(e => Sides(container, e))
            .OrderByDescending(f => f.Entry.Edge.LastSeen)
            .ThenBy(f => f.Peer, StringComparer.Ordinal)
            .ThenBy(f => f.Entry.Edge.Port)];

    private static IEnumerable<ContainerFlow> Sides(string container, FlowEntry entry)
    {
        var edge = entry.Edge;
        if (string.Equals(edge.From, container, StringComparison.Ordinal))
        {
            yield return new ContainerFlow(true, edge.To, entry);
        }
        else if (string.Equals(edge.To, container, StringComparison.Ordinal))
        {
            yield return new ContainerFlow(false, edge.From, entry);
        }
    }
}
