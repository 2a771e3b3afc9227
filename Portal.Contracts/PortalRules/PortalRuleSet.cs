namespace Portal.Contracts.PortalRules;

/// <summary>
/// The whole desired content of the portal's filter chain <see cref="Chain"/>, jumped to from DOCKER-USER (the chain
/// Docker never flushes), and of its sub-chain <see cref="PolicyChain"/>. When a network has a policy, the chain first
/// jumps to the policy chain (enforced policies decide their bridge's traffic there; monitored ones count and return);
/// then link pairs, then each bridge's ICC verdict, then RETURN, so anything the portal does not decide falls through to
/// Docker's own rules. Portal.Core prints it (<c>PortalRuleSetText</c>). <see cref="Policies"/> is null from a server
/// that predates policies (read as none).
/// </summary>
public sealed record PortalRuleSet(
    IReadOnlyList<PortalBridgePolicy> Bridges,
    IReadOnlyList<PortalLinkPair> Links,
    IReadOnlyList<PortalNetworkPolicy>? Policies = null)
{
    public const string Chain = "PORTAL-ICC";

    public const string PolicyChain = "PORTAL-POLICY";

    public const string JumpRule = "-A DOCKER-USER -j " + Chain;

    public static readonly PortalRuleSet Empty = new([], []);
}
