namespace Portal.Contracts.Intents;

/// <summary><c>POST /api/hosts/{host}/networks</c>: a bridge network. Null flags take Docker's defaults (ICC and masquerade on).</summary>
public sealed record NetworkRequest(string? Name, string? Subnet, string? Gateway, bool? Icc, bool? Masquerade, int? Mtu = null);
