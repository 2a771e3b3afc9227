namespace Portal.Contracts.Commands;

/// <summary>A legacy link <c>target:alias</c>.</summary>
public sealed record LinkSpec(string Target, string Alias);
