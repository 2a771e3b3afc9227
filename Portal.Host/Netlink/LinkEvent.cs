namespace Portal.Host.Netlink;

/// <summary>A link appeared, changed (<see cref="Removed"/> false) or went away (true).</summary>
public sealed record LinkEvent(KernelLink Link, bool Removed);
