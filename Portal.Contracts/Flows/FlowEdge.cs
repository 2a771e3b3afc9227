namespace Portal.Contracts.Flows;

/// <summary>
/// Connections seen on one edge of a host's flow map, aggregated from conntrack: every new connection from
/// <see cref="From"/> to <see cref="To"/> on <see cref="Port"/>/<see cref="Proto"/> adds one to <see cref="Count"/>.
/// Both ends use the reachability explainer's vocabulary: a container name, <c>host</c>, or
/// <c>external:ADDRESS</c>. <see cref="Port"/> is the port the receiving end sees (after Docker's DNAT for a
/// published port); <see cref="Proto"/> is <c>tcp</c>, <c>udp</c> or <c>sctp</c>; <see cref="Network"/> names the
/// Docker network the connection crossed between two containers, and is null when one end is not a container.
/// </summary>
public sealed record FlowEdge(
    string From,
    string To,
    int Port,
    string Proto,
    string? Network,
    long Count,
    DateTimeOffset FirstSeen,
    DateTimeOffset LastSeen);
