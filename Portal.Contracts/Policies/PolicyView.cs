using Portal.Contracts.Flows;
using Portal.Contracts.Intents;

namespace Portal.Contracts.Policies;

/// <summary>
/// <c>GET /api/hosts/{host}/networks/{network}/policy</c>: the mode, every allow entry in force (the operator's and the
/// link-derived ones, marked by <see cref="PolicyAllow.Source"/>), the intent that holds it (null when the network has
/// never had a policy) and the stored flows of the last hour on that network the policy drops (enforce) or would drop
/// (monitor); empty when the mode is off or no flows are stored. <see cref="Counted"/> is the packet and byte counter of
/// the policy's last rule on the network's bridge (DROP when enforced, RETURN when monitored): everything the policy has
/// dropped, or would have, since the rule was written; null when the mode is off or the agent has not reported counters.
/// </summary>
public sealed record PolicyView(
    string Network,
    string Mode,
    IReadOnlyList<PolicyAllow> Allow,
    long? Intent,
    IntentStatus? Status,
    string? Error,
    IReadOnlyList<FlowEdge> Blocked,
    PolicyCount? Counted = null);
