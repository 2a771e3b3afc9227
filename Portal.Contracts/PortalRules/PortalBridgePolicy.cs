namespace Portal.Contracts.PortalRules;

/// <summary>The operator's inter-container traffic choice for one bridge interface (docker0, br-…).</summary>
public sealed record PortalBridgePolicy(string Bridge, bool Icc);
