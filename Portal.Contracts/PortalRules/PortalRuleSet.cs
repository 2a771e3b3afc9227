namespace Portal.Contracts.PortalRules;

/// <summary>
/// The whole desired content of the portal's filter chain <see cref="Chain"/>, jumped to from DOCKER-USER (the chain
/// Docker never flushes). Link pairs come first, then each bridge's ICC verdict, then RETURN, so anything the portal
/// does not decide falls through to Docker's own rules. Portal.Core prints it (<c>PortalRuleSetText</c>).
/// </summary>
public sealed record PortalRuleSet(IReadOnlyList<PortalBridgePolicy> Bridges, IReadOnlyList<PortalLinkPair> Links)
{
    public const string Chain = "PORTAL-ICC";

    public const string JumpRule = "-A DOCKER-USER -j " + Chain;

    public static readonly PortalRuleSet Empty = new([], []);
}
