namespace Portal.Client.Formatting;

/// <summary>
/// A container's endpoint on a bridge. <see cref="Shared"/>: the same address is held on another host too,
/// the classic picture's point (every docker0 is 172.17.0.0/16). <see cref="PublicAddress"/>: the physical network's
/// address mapped to this container, if any.
/// </summary>
public sealed record ZoneContainer(string Name, string? Address, bool Running, bool Shared, ZoneBox Box, string? PublicAddress = null);
