using Portal.Contracts.PortalRules;

namespace Portal.Contracts.Commands;

/// <summary>
/// Make the host's public addresses what <see cref="Addresses"/> says, whole: add each address missing from its
/// interface (as /32, marked as the portal's), replace the portal's address chains in one <c>iptables-restore
/// --noflush</c> (their jumps first in PREROUTING, OUTPUT, POSTROUTING and DOCKER-USER; chains and jumps removed when
/// the set is empty), then remove the addresses marked as the portal's that the set no longer holds. Addresses the
/// portal did not add are never removed.
/// </summary>
public sealed record ApplyAddressesCommand(PortalAddressSet Addresses) : AgentCommand;
