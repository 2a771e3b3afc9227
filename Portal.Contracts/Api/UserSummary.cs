namespace Portal.Contracts.Api;

/// <summary>One row of <c>GET /api/users</c>.</summary>
public sealed record UserSummary(string UserName, string Role, bool LockedOut);
