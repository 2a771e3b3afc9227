namespace Portal.Contracts.Api;

/// <summary><c>PUT /api/users/{name}/role</c>.</summary>
public sealed record UserRoleRequest(string Role);
