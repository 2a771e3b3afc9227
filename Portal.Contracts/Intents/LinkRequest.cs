namespace Portal.Contracts.Intents;

/// <summary><c>POST /api/hosts/{host}/links</c>: make <see cref="Source"/> reach <see cref="Target"/> under <see cref="Alias"/>.</summary>
public sealed record LinkRequest(string? Source, string? Target, string? Alias);
