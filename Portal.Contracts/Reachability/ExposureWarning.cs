namespace Portal.Contracts.Reachability;

/// <summary>One warning of the exposure panel, in words, with the rule it points at (if any).</summary>
public sealed record ExposureWarning(ExposureWarningKind Kind, string Message, string? Rule = null);
