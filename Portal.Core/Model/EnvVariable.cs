namespace Portal.Core.Model;

/// <summary>An environment variable and where it came from: <see cref="EnvSource"/>.</summary>
public sealed record EnvVariable(string Name, string Value, string Source);
