namespace Portal.Contracts.Api;

/// <summary>The answer to <c>POST /api/hosts</c>: the agent token, shown this once and stored only hashed.</summary>
public sealed record CreatedHost(string Name, string Token);
