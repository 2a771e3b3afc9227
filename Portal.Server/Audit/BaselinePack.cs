namespace Portal.Server.Audit;

/// <summary>
/// A stored baseline: its rules and the history cut they include (J journal, B batch; null for a baseline from an agent
/// that does not say). Baselines written before the cut existed are a bare list of rules.
/// </summary>
internal sealed record BaselinePack(Guid? J, long? B, List<BaselineRule> R);
