namespace Portal.Server.Data.Secrets;

/// <summary>One reveal of a secret value by a user: who, when, where. The value itself is never stored.</summary>
public sealed class SecretRevealEntity
{
    public long Id { get; set; }

    public required string User { get; set; }

    public DateTimeOffset At { get; set; }

    public required string Host { get; set; }

    public required string Container { get; set; }

    public required string Variable { get; set; }
}
