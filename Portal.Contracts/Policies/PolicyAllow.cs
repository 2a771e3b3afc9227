namespace Portal.Contracts.Policies;

/// <summary>
/// One allow entry: new connections from container <see cref="From"/> to container <see cref="To"/> (by name, so the
/// rule follows their addresses) on <see cref="Port"/>/<see cref="Proto"/> pass, and their replies.
/// <see cref="Source"/> is set in answers (<c>policy</c> or <c>link</c>); entries sent with source <c>link</c> are derived
/// ones handed back and are not stored.
/// </summary>
public sealed record PolicyAllow(string? From, string? To, int? Port, string? Proto, string? Source = null);
