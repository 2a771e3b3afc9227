namespace Portal.Contracts.Reachability;

/// <summary>
/// Every container to every other (on one network, or all of a host's, or to and from one container) on each port the
/// destination exposes or publishes: the matrix view and the container page's "who can reach me" / "whom can I reach".
/// </summary>
public sealed record ReachabilityMatrix(IReadOnlyList<string> Containers, IReadOnlyList<MatrixCell> Cells);
