namespace Portal.Core.Api;

public sealed record LoginRequest(string UserName, string Password);
