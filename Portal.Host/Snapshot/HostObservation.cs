using Portal.Contracts.Model;
using Portal.Core.Iptables;
using Portal.Host.Docker;

namespace Portal.Host.Snapshot;

/// <summary>A snapshot plus the parsed ruleset and engine data it was built from (the agent diffs against these).</summary>
public sealed record HostObservation(
    HostSnapshot Snapshot,
    Ruleset Ruleset,
    IReadOnlyList<BridgeNetwork> Networks,
    IReadOnlyList<ObservedContainer> Containers);
