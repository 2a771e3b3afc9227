namespace Portal.Contracts.Reachability;

/// <summary>One cell of a reachability matrix: a first packet from one container to another's port, and its verdict.</summary>
public sealed record MatrixCell(
    string From,
    string To,
    int Port,
    TransportProtocol Protocol,
    ReachabilityVerdict Verdict,
    string? DecidedBy);
