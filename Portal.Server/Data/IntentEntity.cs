using Portal.Contracts.Intents;

namespace Portal.Server.Data;

/// <summary>
/// One operator intent on one host. The spec is the polymorphic <see cref="Portal.Contracts.Intents.IntentSpec"/> JSON
/// (with its "kind"); <see cref="Removed"/> is set once a DELETE undid what the intent wanted, so history stays.
/// </summary>
public sealed class IntentEntity
{
    public long Id { get; set; }

    public required string Host { get; set; }

    public required string Kind { get; set; }

    public required string SpecJson { get; set; }

    public required IntentStatus Status { get; set; }

    public string? Error { get; set; }

    public string? User { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }

    public bool Removed { get; set; }
}
