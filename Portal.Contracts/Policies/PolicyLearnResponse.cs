using Portal.Contracts.Flows;
using Portal.Contracts.Plans;

namespace Portal.Contracts.Policies;

/// <summary>
/// <c>POST /api/hosts/{host}/networks/{network}/policy/learn?minutes=N</c>: the proposed policy (enforce, an entry per
/// edge seen between containers of the network that no link already allows; PUT it as it is to apply it), the plan of
/// applying it (the dry run of that PUT), the flows of the window between the network's containers and those of them
/// the proposal would block (none, for a learned one).
/// </summary>
public sealed record PolicyLearnResponse(
    PolicyRequest Policy,
    Plan Plan,
    IReadOnlyList<FlowEdge> Flows,
    IReadOnlyList<FlowEdge> Blocked);
