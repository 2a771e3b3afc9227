using Portal.Contracts.Reachability;

namespace Portal.Core.Reachability;

/// <summary>
/// The first packet of a connection as it crosses the hooks: addresses and ports (changed by NAT), interfaces, bridge
/// ports, mark and conntrack facts. A source port of -1 means "an ephemeral port" in
/// [<see cref="EphemeralLow"/>, <see cref="EphemeralHigh"/>]: a <c>--sport</c> match is evaluated against that range.
/// </summary>
internal sealed class Packet
{
    /// <summary>An interface the portal cannot name: the host's physical one, where outside traffic arrives.</summary>
    public const string PhysicalInterface = "\0physical";

    public uint Source { get; set; }

    public uint Destination { get; set; }

    public int SourcePort { get; set; } = -1;

    public int DestinationPort { get; set; }

    public int EphemeralLow { get; init; } = 32768;

    public int EphemeralHigh { get; init; } = 60999;

    public TransportProtocol Protocol { get; init; }

    /// <summary>The input interface (a bridge, "lo", <see cref="PhysicalInterface"/>), null for a locally generated packet.</summary>
    public string? InInterface { get; set; }

    /// <summary>The output interface once routed; null before routing and for local delivery.</summary>
    public string? OutInterface { get; set; }

    public string? PhysicalIn { get; set; }

    public string? PhysicalOut { get; set; }

    /// <summary>True when the packet is bridged (both ends on one bridge), so physdev-is-bridged holds.</summary>
    public bool Bridged { get; set; }

    public bool EnteredThroughBridgePort { get; set; }

    public bool LocallyGenerated { get; init; }

    public bool SourceIsLocal { get; set; }

    public bool DestinationIsLocal { get; set; }

    public bool SourceMacKnown { get; init; }

    public string? SourceMac { get; init; }

    public uint Mark { get; set; }

    public uint ConnectionMark { get; set; }

    public bool Untracked { get; set; }

    public bool DestinationTranslated { get; set; }

    public bool SourceTranslated { get; set; }

    public uint OriginalSource { get; init; }

    public uint OriginalDestination { get; init; }

    public int OriginalDestinationPort { get; init; }

    public string DestinationText => Ipv4.Format(Destination) + ":" + DestinationPort;

    public string SourceText => Ipv4.Format(Source) + (SourcePort < 0 ? ":ephemeral" : ":" + SourcePort);
}
