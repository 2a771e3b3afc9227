namespace Portal.Contracts.PortalRules;

/// <summary>
/// The whole desired state of a host's public addresses: the addresses the portal holds on host interfaces and the
/// content of its chains for them, nat <see cref="DnatChain"/> (jumped first from PREROUTING and OUTPUT, so the host and
/// hairpin traffic are mapped too, before Docker's own DNAT), nat <see cref="SnatChain"/> (jumped first from POSTROUTING,
/// before Docker's MASQUERADE) and filter <see cref="FilterChain"/> (jumped first from DOCKER-USER, so forwarded traffic
/// to the address passes Docker's isolation and ICC verdicts). Portal.Core derives and prints it (<c>PortalAddresses</c>).
/// </summary>
public sealed record PortalAddressSet(IReadOnlyList<PortalAddressMapping> Mappings)
{
    public const string DnatChain = "PORTAL-DNAT";

    public const string SnatChain = "PORTAL-SNAT";

    public const string FilterChain = "PORTAL-ADDR";

    /// <summary>The address protocol (IFA_PROTO) the agent marks its own addresses with; <c>ip addr</c> prints <c>proto 0x50</c>.</summary>
    public const byte AddressProtocol = 0x50;

    public static readonly PortalAddressSet Empty = new([]);
}
