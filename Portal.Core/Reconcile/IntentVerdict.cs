using Portal.Contracts.Intents;
using Portal.Core.Plans;

namespace Portal.Core.Reconcile;

/// <summary>How one intent stands against the observed state: its status, why, and the change that repairs it, if any.</summary>
public sealed record IntentVerdict(long Intent, IntentStatus Status, string? Reason, PlannedChange? Repair);
