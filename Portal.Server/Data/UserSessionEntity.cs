namespace Portal.Server.Data;

/// <summary>
/// A sign-in on the server side. The cookie carries only its id; sign-out deletes the row, so a copy of the cookie
/// kept from before is worth nothing afterwards.
/// </summary>
public sealed class UserSessionEntity
{
    /// <summary>Random, unguessable; also the value of the cookie's session claim.</summary>
    public required string Id { get; set; }

    public required string UserId { get; set; }

    public DateTimeOffset Started { get; set; }
}
