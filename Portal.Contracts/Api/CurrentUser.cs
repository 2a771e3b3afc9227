namespace Portal.Contracts.Api;

/// <summary>
/// The signed-in user: <c>GET /api/auth/me</c>. <see cref="Role"/> is one of <see cref="Roles"/>. While
/// <see cref="MustChangePassword"/> is true (a bootstrap or reset password), every other route answers 403 until
/// <c>POST /api/auth/password</c> sets a new one.
/// </summary>
public sealed record CurrentUser(string UserName, string Role, bool MustChangePassword = false);
