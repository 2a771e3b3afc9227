using Portal.Contracts.Model;

namespace Portal.FleetSim.Hosts;

/// <summary>What an agent sends for one observed change: the numbered delta and the rule history batch.</summary>
public sealed record HostChangeMessages(HostDelta Delta, RuleChangeBatch Batch);
