namespace Portal.Contracts.Api;

/// <summary><c>POST /api/auth/password</c>: the signed-in user changes their own password.</summary>
public sealed record ChangePasswordRequest(string CurrentPassword, string NewPassword);
