namespace Portal.Core.Analysis;

/// <summary>
/// What <c>Portal.Host analyze</c> prints: <c>{"rules":[{table, chain, text, owner}], "findings":[{kind, severity,
/// message, rule?, container?}]}</c>, in <see cref="Model.PortalJson"/>'s conventions (camelCase, nulls omitted).
/// </summary>
public sealed record AnalysisReport(IReadOnlyList<AnalyzedRule> Rules, IReadOnlyList<Finding> Findings);
