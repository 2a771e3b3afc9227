namespace Portal.Core.Api;

/// <summary>The signed-in user: <c>GET /api/auth/me</c>. <see cref="Role"/> is one of <see cref="Roles"/>.</summary>
public sealed record CurrentUser(string UserName, string Role);
