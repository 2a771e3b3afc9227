using Portal.Contracts.Reachability;

namespace Portal.Contracts.Plans;

/// <summary>
/// A pair whose reachability a change alters: a first packet from <see cref="From"/> (a container, or
/// <c>external:ADDRESS</c> for an outside client) to <see cref="To"/>'s <see cref="Port"/>, with the verdict before and
/// after the change and the rule that decides it afterwards (or, when the pair is on a network only on one side of the
/// change, why). <see cref="Network"/> is the network the pair talks on; for an outside client it is null, and
/// <see cref="Port"/> is the port published on <see cref="Address"/>, the host's address the client asks.
/// </summary>
public sealed record PlannedReachability(
    string From,
    string To,
    int Port,
    TransportProtocol Protocol,
    ReachabilityVerdict Before,
    ReachabilityVerdict After,
    string? DecidedBy,
    string? Network = null,
    string? Address = null);
