namespace Portal.Contracts.Flows;

/// <summary>
/// What a browser watching <see cref="Host"/> receives on <c>FlowsChanged</c>: the edges whose counts moved since the
/// last push, each with its new totals (replace, do not add), at most a few pushes per second per host.
/// </summary>
public sealed record FlowsChange(string Host, IReadOnlyList<FlowEdge> Edges);
