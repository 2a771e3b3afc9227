namespace Portal.Core.Analysis;

/// <summary>
/// One thing the analysis of a capture found. <see cref="Rule"/> is the rule's text as iptables-save printed it
/// (<c>-A CHAIN ...</c>) when the finding is about one rule; <see cref="Container"/> names the container it concerns.
/// </summary>
public sealed record Finding(FindingKind Kind, FindingSeverity Severity, string Message, string? Rule = null, string? Container = null);
