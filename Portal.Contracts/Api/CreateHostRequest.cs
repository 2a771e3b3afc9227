namespace Portal.Contracts.Api;

public sealed record CreateHostRequest(string Name);
