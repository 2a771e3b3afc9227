namespace Portal.Contracts.Api;

/// <summary>The answer to a reveal: one variable's real value.</summary>
public sealed record RevealedSecret(string Name, string Value);
