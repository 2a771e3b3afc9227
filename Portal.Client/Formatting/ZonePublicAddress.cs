namespace Portal.Client.Formatting;

/// <summary>
/// A public address of the physical network mapped to a container, drawn on its host's line down from the physical
/// network at (<see cref="X"/>, <see cref="Y"/>). <see cref="Held"/>: the host's interface holds the address now and
/// the container has an address to forward to; false draws it as pending.
/// </summary>
public sealed record ZonePublicAddress(string Address, string Container, bool Held, double X, double Y);
