namespace Portal.Contracts.Api;

/// <summary><c>PUT /api/users/{name}/password</c>: an admin sets another user's password (changed at their next sign-in).</summary>
public sealed record ResetPasswordRequest(string Password);
