namespace Portal.Server.Audit;

/// <summary>One rule of a stored baseline: short names because a baseline holds every rule of a host.</summary>
internal sealed record BaselineRule(string T, string C, string X);
