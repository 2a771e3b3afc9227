using Portal.Contracts.Model;

namespace Portal.Contracts.Api;

/// <summary>
/// What a browser watching <see cref="Host"/> receives on <c>CountersChanged</c>: the rule counters that moved since
/// the last push, each with its new totals (replace, do not add); at most one push per host per second.
/// </summary>
public sealed record CountersChange(string Host, IReadOnlyList<RuleCounter> Counters);
