using System.Globalization;
using Portal.Contracts.Flows;
using Portal.Contracts.Model;

namespace Portal.Client.Formatting;

/// <summary>
/// What the flow map shows: one network (null: all) and one port with its protocol, written "80/tcp" (null: all).
/// An edge belongs to a network when it crossed it, or when it has no network (one end is the host or outside) and its
/// container end is attached to that network.
/// </summary>
public sealed record FlowFilter(string? Network = null, string? Port = null)
{
    public static FlowFilter All { get; } = new();

    public bool Matches(FlowEdge edge, IReadOnlyList<Container> containers) =>
        MatchesPort(edge) && MatchesNetwork(edge, containers);

    public IReadOnlyList<FlowEntry> Apply(IEnumerable<FlowEntry> entries, IReadOnlyList<Container> containers) =>
        [.. entries.Where(e => Matches(e.Edge, containers))];

    /// <summary>The "PORT/PROTO" pairs the edges use, by port then protocol: the port filter's choices.</summary>
    public static IReadOnlyList<string> PortChoices(IEnumerable<FlowEdge> edges) =>
        [.. edges
            .Select(e => (e.Port, e.Proto))
            .Distinct()
            .OrderBy(p => p.Port)
            .ThenBy(p => p.Proto, StringComparer.Ordinal)
            .Select(p => PortText(p.Port, p.Proto))];

    /// <summary>The networks to choose from: those of the host's bridges and any an edge crossed, by name.</summary>
    public static IReadOnlyList<string> NetworkChoices(IEnumerable<Bridge> bridges, IEnumerable<FlowEdge> edges) =>
        [.. bridges.Select(b => b.Network)
            .Concat(edges.Select(e => e.Network).OfType<string>())
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal)];

    public static string PortText(int port, string proto) => $"{port.ToString(CultureInfo.InvariantCulture)}/{proto}";

    private bool MatchesPort(FlowEdge edge) =>
        Port is null || string.Equals(Port, PortText(edge.Port, edge.Proto), StringComparison.OrdinalIgnoreCase);

    private bool MatchesNetwork(FlowEdge edge, IReadOnlyList<Container> containers)
    {
        if (Network is null)
        {
            return true;
        }

        if (edge.Network is not null)
        {
            return string.Equals(edge.Network, Network, StringComparison.Ordinal);
        }

        return Attached(edge.From) || Attached(edge.To);

        bool Attached(string end) =>
            FlowEnds.IsContainer(end)
            && containers.Any(c => string.Equals(c.Name, end, StringComparison.Ordinal)
                && c.Endpoints.Any(e => string.Equals(e.Network, Network, StringComparison.Ordinal)));
    }
}
