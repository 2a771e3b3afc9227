using System.Globalization;
using Portal.Contracts.Reachability;

namespace Portal.Core.Reachability;

/// <summary>
/// DNAT, REDIRECT, SNAT and MASQUERADE applied to the packet. Null when the result cannot be predicted: an address or
/// port range (the kernel picks one), or options the walker does not know.
/// </summary>
internal static class AddressTranslation
{
    public static Translation? Apply(CompiledRule rule, Packet packet, HostTopology topology)
    {
        var options = rule.Rule.TargetOptions.Where(o => o.Name is not ("--random" or "--random-fully" or "--persistent")).ToList();
        switch (rule.Target)
        {
            case TargetKind.Dnat when options.Count == 1 && options[0].Name == "--to-destination":
                {
                    if (!TryAddressPort(options[0].Value, out var address, out var port))
                    {
                        return null;
                    }

                    var before = packet.DestinationText;
                    packet.Destination = address ?? packet.Destination;
                    packet.DestinationPort = port ?? packet.DestinationPort;
                    packet.DestinationTranslated = true;
                    return new Translation("dnat", string.Empty, string.Empty, string.Empty, before, packet.DestinationText);
                }

            case TargetKind.Redirect when options.Count <= 1 && (options.Count == 0 || options[0].Name == "--to-ports"):
                {
                    int? port = null;
                    if (options.Count == 1)
                    {
                        if (!TryPort(options[0].Value, out var single))
                        {
                            return null;
                        }

                        port = single;
                    }

                    var before = packet.DestinationText;

                    // To the host itself: loopback for its own packets, else the address of the interface it came in on.
                    var local = packet.LocallyGenerated ? 0x7F000001u
                        : packet.InInterface is { } inInterface && topology.BridgeNamed(inInterface)?.Gateway is { } gateway ? gateway
                        : packet.DestinationIsLocal ? packet.Destination
                        : (uint?)null;
                    if (local is null)
                    {
                        return null;
                    }

                    packet.Destination = local.Value;
                    packet.DestinationPort = port ?? packet.DestinationPort;
                    packet.DestinationTranslated = true;
                    return new Translation("redirect", string.Empty, string.Empty, string.Empty, before, packet.DestinationText);
                }

            case TargetKind.Snat when options.Count == 1 && options[0].Name == "--to-source":
                {
                    if (!TryAddressPort(options[0].Value, out var address, out var port))
                    {
                        return null;
                    }

                    var before = packet.SourceText;
                    packet.Source = address ?? packet.Source;
                    packet.SourcePort = port ?? packet.SourcePort;
                    packet.SourceTranslated = true;
                    return new Translation("snat", string.Empty, string.Empty, string.Empty, before, packet.SourceText);
                }

            case TargetKind.Masquerade when options.Count == 0:
                {
                    var before = packet.SourceText;
                    var gateway = packet.OutInterface is { } outInterface ? topology.BridgeNamed(outInterface)?.Gateway : null;
                    packet.SourceTranslated = true;
                    if (gateway is { } address)
                    {
                        packet.Source = address;
                        return new Translation("masquerade", string.Empty, string.Empty, string.Empty, before, packet.SourceText);
                    }

                    // The physical interface's address is not in the snapshot.
                    return new Translation("masquerade", string.Empty, string.Empty, string.Empty, before, "the outgoing interface's address");
                }

            default:
                return null;
        }
    }

    /// <summary><c>A</c>, <c>A:P</c> or <c>:P</c> with one address and one port; false for ranges.</summary>
    private static bool TryAddressPort(string? text, out uint? address, out int? port)
    {
        address = null;
        port = null;
        if (string.IsNullOrEmpty(text))
        {
            return false;
        }

        var colon = text.IndexOf(':');
        var addressText = colon < 0 ? text : text[..colon];
        if (addressText.Length > 0)
        {
            if (!Ipv4.TryParse(addressText, out var parsed))
            {
                return false;
            }

            address = parsed;
        }

        if (colon >= 0)
        {
            if (!TryPort(text[(colon + 1)..], out var parsedPort))
            {
                return false;
            }

            port = parsedPort;
        }

        return address is not null || port is not null;
    }

    private static bool TryPort(string? text, out int port) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out port) && port is > 0 and <= 65535;
}
