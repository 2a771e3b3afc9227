namespace Portal.Core.Plans;

/// <summary>An environment variable a change gives to or takes from a container.</summary>
public sealed record PlannedEnvVariable(string Container, string Change, string Name, string Value);
