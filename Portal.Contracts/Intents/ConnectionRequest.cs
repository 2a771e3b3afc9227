namespace Portal.Contracts.Intents;

/// <summary><c>POST /api/hosts/{host}/networks/{name}/connections</c>: attach a container, optionally with an alias and a fixed address.</summary>
public sealed record ConnectionRequest(string? Container, string? Alias, string? Ipv4);
