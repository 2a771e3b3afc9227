namespace Portal.Server.Audit;

/// <summary>
/// The last batch of an agent's journal that a set of rules already include (a snapshot's RulesJournal and
/// RulesBatch). Batches of that journal up to it are part of those rules and must not be replayed on top of them;
/// the journal's later batches come after them, whatever time they carry.
/// </summary>
public sealed record HistoryCut(Guid Journal, long Batch);
