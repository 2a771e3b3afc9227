namespace Portal.Contracts.Flows;

/// <summary>
/// Agent to server, invoked on <c>Flows</c>: the connections the agent saw since its last report, per edge. Unlike a
/// <see cref="FlowsChange"/> each edge's <see cref="FlowEdge.Count"/> is an increment (new connections in this report;
/// 0 when only ended connections were seen, which may be older than the agent's watch) and its first and last seen bound this report's window; the server adds them to what it stored. <see cref="Run"/>
/// names the agent's process and <see cref="Number"/> grows by one per report within it, so a report sent again after a
/// lost acknowledgement is counted once. The agent sends one at most every half second, whatever the traffic.
/// </summary>
public sealed record FlowReport(string Host, Guid Run, long Number, IReadOnlyList<FlowEdge> Edges);
