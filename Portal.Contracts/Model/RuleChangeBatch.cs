namespace Portal.Contracts.Model;

/// <summary>
/// The unit of rule history the agent delivers on <c>RuleChanges</c>: one observed transition of a host's rules.
/// The agent keeps it in its on-disk outbox until the server's invocation completes (the acknowledgement); the server
/// stores each (<see cref="Host"/>, <see cref="Journal"/>, <see cref="Batch"/>) once, so replays after an outage are
/// harmless. <see cref="Journal"/> identifies the agent's outbox (new when its state folder is new);
/// <see cref="Batch"/> grows by one per batch within a journal.
/// </summary>
public sealed record RuleChangeBatch(string Host, Guid Journal, long Batch, DateTimeOffset At, IReadOnlyList<RuleChange> Changes);
