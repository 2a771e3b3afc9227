namespace Portal.Core.Api;

public sealed record CreateHostRequest(string Name);
