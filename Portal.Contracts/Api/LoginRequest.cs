namespace Portal.Contracts.Api;

public sealed record LoginRequest(string UserName, string Password);
