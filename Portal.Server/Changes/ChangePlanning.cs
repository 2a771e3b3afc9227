using Portal.Contracts.Intents;
using Portal.Core.Plans;
using Portal.Core.PortalRules;

namespace Portal.Server.Changes;

/// <summary>
/// What a planner is given: the observed state, the whole portal chain before and after the change, derived from all
/// intents, and the intents standing before it (public addresses are derived from them whole).
/// </summary>
public sealed record ChangePlanning(HostState State, PortalChainChange Portal, IReadOnlyList<IntentSpec> Standing);
