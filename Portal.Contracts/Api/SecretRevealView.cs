namespace Portal.Contracts.Api;

/// <summary>One recorded reveal of a secret value: who, when, which host, container and variable (never the value).</summary>
public sealed record SecretRevealView(long Id, string User, DateTimeOffset At, string Host, string Container, string Variable);
