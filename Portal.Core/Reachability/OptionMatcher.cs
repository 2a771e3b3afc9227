using Portal.Contracts.Reachability;

namespace Portal.Core.Reachability;

/// <summary>
/// The match modules Docker and people use, evaluated for the first packet of a connection. Anything else, and any
/// option whose answer depends on what the portal does not see (set contents, rates, owners, the physical interface's
/// name), is unknown. The result is before the option's own negation.
/// </summary>
internal static class OptionMatcher
{
    public static Tri Evaluate(CompiledOption option, Packet packet, HostTopology topology) => option.Module switch
    {
        "tcp" or "udp" or "sctp" or "" => Transport(option, packet),
        "multiport" => Multiport(option, packet),
        "conntrack" => Conntrack(option, packet),
        "state" => option.Name == "--state" ? States(option, packet) : Tri.Unknown,
        "addrtype" => AddressType(option, packet, topology),
        "comment" => Tri.Yes,
        "mark" => option.Name == "--mark" ? Mark(option, packet.Mark) : Tri.Unknown,
        "connmark" => option.Name == "--mark" ? Mark(option, packet.ConnectionMark) : Tri.Unknown,
        "physdev" => Physdev(option, packet),
        "iprange" => Range(option, packet),
        "mac" => option.Name == "--mac-source" && packet.SourceMacKnown
            ? TriExtensions.Of(string.Equals(option.Option.Value, packet.SourceMac, StringComparison.OrdinalIgnoreCase))
            : Tri.Unknown,
        "pkttype" => option.Name == "--pkt-type" ? TriExtensions.Of(option.Words.Contains("unicast")) : Tri.Unknown,
        "owner" => packet.LocallyGenerated ? Tri.Unknown : Tri.No,
        _ => Tri.Unknown,
    };

    private static Tri Transport(CompiledOption option, Packet packet)
    {
        if (option.Module.Length > 0 && option.Module != Name(packet.Protocol))
        {
            // "-m udp" without "-p udp" is refused by iptables; a module of another protocol never matches.
            return Tri.No;
        }

        switch (option.Name)
        {
            case "--dport" or "--destination-port" when option.Ports is { } ports:
                return TriExtensions.Of(ports.Contains(packet.DestinationPort));
            case "--sport" or "--source-port" when option.Ports is { } ports:
                return SourcePort(ports, packet);
            case "--syn" when packet.Protocol == TransportProtocol.Tcp:
                return Tri.Yes;
            case "--tcp-flags" when packet.Protocol == TransportProtocol.Tcp && option.Option.Values.Count == 2:
                // The first packet of a TCP connection carries SYN alone: (flags & mask) is {SYN} or nothing.
                var mask = Flags(option.Option.Values[0]);
                var compare = Flags(option.Option.Values[1]);
                return TriExtensions.Of(mask.Contains("SYN") ? compare.SetEquals(["SYN"]) : compare.Count == 0);
            default:
                return Tri.Unknown;
        }
    }

    private static HashSet<string> Flags(string text)
    {
        var flags = text.Split(',').ToHashSet(StringComparer.OrdinalIgnoreCase);
        if (flags.Contains("ALL"))
        {
            return new HashSet<string>(["FIN", "SYN", "RST", "PSH", "ACK", "URG", "ECE", "CWR"], StringComparer.OrdinalIgnoreCase);
        }

        flags.Remove("NONE");
        return flags;
    }

    private static Tri Multiport(CompiledOption option, Packet packet)
    {
        if (option.Ports is not { } ports)
        {
            return Tri.Unknown;
        }

        return option.Name switch
        {
            "--dports" or "--destination-ports" => TriExtensions.Of(ports.Contains(packet.DestinationPort)),
            "--sports" or "--source-ports" => SourcePort(ports, packet),
            "--ports" => ports.Contains(packet.DestinationPort) ? Tri.Yes : SourcePort(ports, packet),
            _ => Tri.Unknown,
        };
    }

    private static Tri SourcePort(PortSet ports, Packet packet) =>
        packet.SourcePort >= 0 ? TriExtensions.Of(ports.Contains(packet.SourcePort)) : ports.ContainsAnyOf(packet.EphemeralLow, packet.EphemeralHigh);

    private static Tri Conntrack(CompiledOption option, Packet packet) => option.Name switch
    {
        "--ctstate" => States(option, packet),
        "--ctproto" => TriExtensions.Of(option.Words.Contains(Name(packet.Protocol)) || option.Words.Contains(Number(packet.Protocol))),
        "--ctorigsrc" when option.Network is { } network => TriExtensions.Of(network.Contains(packet.OriginalSource)),
        "--ctorigdst" when option.Network is { } network => TriExtensions.Of(network.Contains(packet.OriginalDestination)),
        "--ctreplsrc" when option.Network is { } network => TriExtensions.Of(network.Contains(packet.Destination)),
        "--ctorigdstport" when option.Ports is { } ports => TriExtensions.Of(ports.Contains(packet.OriginalDestinationPort)),
        "--ctreplsrcport" when option.Ports is { } ports => TriExtensions.Of(ports.Contains(packet.DestinationPort)),
        "--ctorigsrcport" when option.Ports is { } ports => ports.ContainsAnyOf(packet.EphemeralLow, packet.EphemeralHigh),
        "--ctdir" => TriExtensions.Of(option.Words.Contains("ORIGINAL")),
        _ => Tri.Unknown,
    };

    /// <summary>The first packet is NEW (UNTRACKED after NOTRACK), plus the virtual states DNAT/SNAT once translated.</summary>
    private static Tri States(CompiledOption option, Packet packet)
    {
        if (packet.Untracked)
        {
            return TriExtensions.Of(option.Words.Contains("UNTRACKED"));
        }

        return TriExtensions.Of(option.Words.Contains("NEW")
            || (packet.DestinationTranslated && option.Words.Contains("DNAT"))
            || (packet.SourceTranslated && option.Words.Contains("SNAT")));
    }

    private static Tri AddressType(CompiledOption option, Packet packet, HostTopology topology)
    {
        var source = option.Name == "--src-type";
        if (!source && option.Name != "--dst-type")
        {
            // --limit-iface-in/out: which interface's addresses count depends on routes the portal does not see.
            return Tri.Unknown;
        }

        var local = source ? packet.SourceIsLocal : packet.DestinationIsLocal;
        var address = source ? packet.Source : packet.Destination;
        var type = local ? "LOCAL" : IsMulticast(address) ? "MULTICAST" : IsBroadcast(address, topology) ? "BROADCAST" : "UNICAST";
        if (option.Words.Contains(type))
        {
            return Tri.Yes;
        }

        // A local, broadcast or multicast address is that and nothing else. An outside unicast address might be
        // BLACKHOLE, UNREACHABLE or PROHIBIT for the host's routes, which the portal does not see.
        var onBridge = topology.BridgeFor(address) is not null;
        return type != "UNICAST" || onBridge || option.Words.All(w => w is "LOCAL" or "BROADCAST" or "MULTICAST" or "ANYCAST") ? Tri.No : Tri.Unknown;
    }

    private static bool IsMulticast(uint address) => (address >> 28) == 0xE;

    private static bool IsBroadcast(uint address, HostTopology topology) =>
        address == uint.MaxValue || topology.Bridges.Exists(b => b.Subnet is { } s && s.Mask != uint.MaxValue && s.Contains(address) && (address | s.Mask) == uint.MaxValue);

    private static Tri Mark(CompiledOption option, uint mark) =>
        CompiledRule.TryMark(option.Option.Value, out var value, out var mask) ? TriExtensions.Of((mark & mask) == value) : Tri.Unknown;

    private static Tri Physdev(CompiledOption option, Packet packet) => option.Name switch
    {
        "--physdev-is-bridged" => TriExtensions.Of(packet.Bridged),
        "--physdev-is-in" => TriExtensions.Of(packet.EnteredThroughBridgePort),
        "--physdev-is-out" => packet.Bridged ? Tri.Yes : packet.OutInterface is null ? Tri.No : Tri.Unknown,
        "--physdev-in" => packet.PhysicalIn is { } port ? Wildcard(port, option.Option.Value) : packet.EnteredThroughBridgePort ? Tri.Unknown : Tri.No,
        "--physdev-out" => packet.Bridged && packet.PhysicalOut is { } port ? Wildcard(port, option.Option.Value) : packet.Bridged ? Tri.Unknown : Tri.No,
        _ => Tri.Unknown,
    };

    private static Tri Wildcard(string actual, string? pattern)
    {
        if (pattern is null)
        {
            return Tri.Unknown;
        }

        return TriExtensions.Of(pattern.EndsWith('+') ? actual.StartsWith(pattern[..^1], StringComparison.Ordinal) : actual == pattern);
    }

    private static Tri Range(CompiledOption option, Packet packet)
    {
        var value = option.Option.Value;
        var dash = value?.IndexOf('-') ?? -1;
        if (value is null || dash < 0 || !Ipv4.TryParse(value[..dash], out var low) || !Ipv4.TryParse(value[(dash + 1)..], out var high))
        {
            return Tri.Unknown;
        }

        var address = option.Name switch
        {
            "--src-range" => packet.Source,
            "--dst-range" => packet.Destination,
            _ => (uint?)null,
        };
        return address is { } a ? TriExtensions.Of(a >= low && a <= high) : Tri.Unknown;
    }

    public static string Name(TransportProtocol protocol) => protocol switch
    {
        TransportProtocol.Tcp => "tcp",
        TransportProtocol.Udp => "udp",
        _ => "sctp",
    };

    private static string Number(TransportProtocol protocol) => protocol switch
    {
        TransportProtocol.Tcp => "6",
        TransportProtocol.Udp => "17",
        _ => "132",
    };
}
