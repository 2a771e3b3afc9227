namespace Portal.Contracts.Intents;

/// <summary><c>PUT /api/hosts/{host}/networks/{name}/icc</c>: allow or cut traffic between containers on one bridge.</summary>
public sealed record IccRequest(bool? Enabled);
