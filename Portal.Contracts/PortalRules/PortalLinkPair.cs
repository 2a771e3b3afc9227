namespace Portal.Contracts.PortalRules;

/// <summary>
/// Traffic a link allows on a bridge whose ICC is off: <see cref="SourceIpv4"/> to <see cref="TargetIpv4"/> on one
/// exposed port of the target, and the replies back (Docker's own pair shape, kept in the portal's chain).
/// </summary>
public sealed record PortalLinkPair(string Bridge, string SourceIpv4, string TargetIpv4, int Port, string Protocol);
