namespace Portal.Contracts.Model;

/// <summary>
/// One chain's complete new rule list, as a delta carries it: the rules of (<see cref="Table"/>, <see cref="Chain"/>)
/// are replaced by <see cref="Rules"/>, in order. An empty list means the chain has no rules any more (emptied or removed).
/// </summary>
public sealed record ChainRules(string Table, string Chain, IReadOnlyList<Rule> Rules);
