using Portal.Core.Plans;
using Portal.Core.PortalRules;

namespace Portal.Server.Changes;

/// <summary>What a planner is given: the observed state, the portal chain now and after the change, and whether DOCKER-USER jumps to it.</summary>
public sealed record ChangePlanning(HostState State, PortalRuleSet PortalBefore, PortalRuleSet PortalAfter, bool JumpPresent);
