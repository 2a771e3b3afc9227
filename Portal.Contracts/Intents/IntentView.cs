namespace Portal.Contracts.Intents;

/// <summary>
/// One row of <c>GET /api/intents</c>. <see cref="Detail"/> says in words what is wanted
/// ("link client -> web as web"); <see cref="Error"/> is set when <see cref="Status"/> is failed or drifted.
/// </summary>
public sealed record IntentView(
    long Id,
    string Host,
    string Kind,
    IntentStatus Status,
    string Detail,
    string? Error,
    string? User,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt);
