using Portal.Contracts.Intents;
using Portal.Core.Reconcile;

namespace Portal.Server.Intents;

/// <summary>An intent as read from SQLite, with its spec parsed.</summary>
public sealed record IntentRecord(
    long Id,
    string Host,
    IntentSpec Spec,
    IntentStatus Status,
    string? Error,
    string? User,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    bool Removed)
{
    public IntentView ToView() => new(Id, Host, Spec.Kind, Status, Spec.Describe(), Error, User, CreatedAt, UpdatedAt);

    public StoredIntent ToStored() => new(Id, Spec);
}
