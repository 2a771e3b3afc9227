namespace Portal.Contracts.Api;

/// <summary><c>POST /api/users</c>: a new user with one of <see cref="Roles"/>.</summary>
public sealed record CreateUserRequest(string UserName, string Password, string Role);
