using Portal.Core.Plans;
using Portal.Core.PortalRules;

namespace Portal.Server.Changes;

/// <summary>What a planner is given: the observed state and the whole portal chain before and after the change, derived from all intents.</summary>
public sealed record ChangePlanning(HostState State, PortalChainChange Portal);
