namespace Portal.Contracts.Policies;

/// <summary><c>PUT /api/hosts/{host}/networks/{network}/policy</c>: the network's whole policy, replacing the one before.</summary>
public sealed record PolicyRequest(string? Mode, IReadOnlyList<PolicyAllow>? Allow);
