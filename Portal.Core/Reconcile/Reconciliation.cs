using Portal.Contracts.Commands;
using Portal.Contracts.PortalRules;

namespace Portal.Core.Reconcile;

/// <summary>
/// The reconciler's findings for one host: each intent's verdict, the portal chain wanted and whether the observed one
/// differs, Docker's stale link rules, and the host-wide repairs (chain rewrite, stale rule removal) to run.
/// </summary>
public sealed record Reconciliation(
    IReadOnlyList<IntentVerdict> Intents,
    PortalRuleSet DesiredChain,
    bool ChainDrifted,
    IReadOnlyList<string> StaleRules,
    IReadOnlyList<AgentCommand> HostRepairs);
