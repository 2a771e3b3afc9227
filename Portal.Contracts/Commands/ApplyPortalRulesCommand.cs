using Portal.Contracts.PortalRules;

namespace Portal.Contracts.Commands;

/// <summary>
/// Replace the whole content of the portal's own filter chains in one <c>iptables-restore --noflush</c> and make sure
/// DOCKER-USER jumps to them. The agent accepts only chains named PORTAL-* and only the rule shapes
/// <see cref="Portal.Contracts.PortalRules.PortalRuleSet"/> produces.
/// </summary>
public sealed record ApplyPortalRulesCommand(Portal.Contracts.PortalRules.PortalRuleSet Rules) : AgentCommand;
