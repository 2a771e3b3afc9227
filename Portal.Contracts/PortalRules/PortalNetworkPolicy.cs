namespace Portal.Contracts.PortalRules;

/// <summary>
/// A network's allow-list policy as the agent writes it, in <see cref="PortalRuleSet.PolicyChain"/>: on
/// <see cref="Bridge"/>, replies of allowed connections and the <see cref="Allow"/> pairs pass; the rest is dropped
/// when <see cref="Enforce"/>, else (monitor) counted by the bridge's last rule and left to the chain's other rules.
/// </summary>
public sealed record PortalNetworkPolicy(string Bridge, bool Enforce, IReadOnlyList<PortalPolicyPair> Allow);
