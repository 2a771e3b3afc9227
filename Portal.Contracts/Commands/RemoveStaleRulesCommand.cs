namespace Portal.Contracts.Commands;

/// <summary>
/// Delete rules Docker left behind for links whose addresses moved on (notes §2): the agent accepts only filter
/// DOCKER rules of the legacy link pair shape, and deletes them in one <c>iptables-restore --noflush</c>.
/// </summary>
public sealed record RemoveStaleRulesCommand(IReadOnlyList<string> Rules) : AgentCommand;
