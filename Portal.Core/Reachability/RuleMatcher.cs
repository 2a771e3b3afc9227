using Portal.Contracts.Reachability;

namespace Portal.Core.Reachability;

/// <summary>
/// Whether a rule's matches hold for a packet. All matches must hold: one that is false decides "no" even when another
/// is unknown; otherwise any unknown match makes the answer unknown, named in <c>unknown</c>.
/// </summary>
internal static class RuleMatcher
{
    public static Tri Matches(CompiledRule rule, Packet packet, HostTopology topology, out string? unknown)
    {
        unknown = rule.Unreadable;
        if (unknown is not null)
        {
            return Tri.Unknown;
        }

        // The cheap rule-level matches first: most rules fail on an address or an interface.
        if (rule.Destination is { } d && d.Network.Contains(packet.Destination) == d.Negated)
        {
            return Tri.No;
        }

        if (rule.Source is { } s && s.Network.Contains(packet.Source) == s.Negated)
        {
            return Tri.No;
        }

        // The first unknown match is named only when the answer ends up unknown: no text is built on the hot path.
        var result = Tri.Yes;
        var first = -1;
        if (rule.OutInterface is { } o && !Combine(ref result, ref first, Interface(packet.OutInterface, o.Name, topology).Negate(o.Negated), OutCheck))
        {
            return Tri.No;
        }

        if (rule.InInterface is { } i && !Combine(ref result, ref first, Interface(packet.InInterface, i.Name, topology).Negate(i.Negated), InCheck))
        {
            return Tri.No;
        }

        if (rule.Protocol is { } p && !Combine(ref result, ref first, Protocol(packet, p.Name).Negate(p.Negated), ProtocolCheck))
        {
            return Tri.No;
        }

        // The first packet of a connection is never a later fragment.
        if (rule.Fragment is { } fragment && fragment)
        {
            return Tri.No;
        }

        var matches = rule.Matches;
        for (var m = 0; m < matches.Length; m++)
        {
            var option = matches[m];
            if (!Combine(ref result, ref first, OptionMatcher.Evaluate(option, packet, topology).Negate(option.Negated), m))
            {
                return Tri.No;
            }
        }

        if (result == Tri.Unknown)
        {
            unknown = first switch
            {
                OutCheck => (rule.OutInterface!.Value.Negated ? "! " : string.Empty) + "-o " + rule.OutInterface.Value.Name,
                InCheck => (rule.InInterface!.Value.Negated ? "! " : string.Empty) + "-i " + rule.InInterface.Value.Name,
                ProtocolCheck => "-p " + rule.Protocol!.Value.Name,
                _ => "-m " + matches[first].Module + " " + matches[first].Text,
            };
        }

        return result;
    }

    private const int OutCheck = -2;
    private const int InCheck = -3;
    private const int ProtocolCheck = -4;

    private static bool Combine(ref Tri result, ref int first, Tri value, int check)
    {
        if (value == Tri.No)
        {
            return false;
        }

        if (value == Tri.Unknown && result == Tri.Yes)
        {
            result = Tri.Unknown;
            first = check;
        }

        return true;
    }

    /// <summary>An interface name match, with iptables' trailing <c>+</c> wildcard.</summary>
    public static Tri Interface(string? actual, string pattern, HostTopology topology)
    {
        if (actual is null)
        {
            return Tri.No;
        }

        var wildcard = pattern.EndsWith('+');
        var stem = wildcard ? pattern[..^1] : pattern;
        if (actual == Packet.PhysicalInterface)
        {
            // The physical interface is neither loopback nor a Docker bridge; any other name might be it.
            if (!wildcard && (pattern == "lo" || topology.IsBridgeName(pattern)))
            {
                return Tri.No;
            }

            return wildcard && stem.Length == 0 ? Tri.Yes : Tri.Unknown;
        }

        return TriExtensions.Of(wildcard ? actual.StartsWith(stem, StringComparison.Ordinal) : actual == pattern);
    }

    private static Tri Protocol(Packet packet, string name)
    {
        var actual = packet.Protocol switch
        {
            TransportProtocol.Tcp => ("tcp", "6"),
            TransportProtocol.Udp => ("udp", "17"),
            _ => ("sctp", "132"),
        };
        return TriExtensions.Of(name is "all" or "0" || name == actual.Item1 || name == actual.Item2);
    }
}
